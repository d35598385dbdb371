// fwbot chat page: a WebSocket client of /ws (protocols/websocket.md). No framework,
// no build step. Every text that comes from the server reaches the DOM as text
// (textContent / createTextNode), never as markup.
"use strict";

(() => {
  const SESSION_KEY = "fwbot.session";   // sessionStorage: this tab's conversation
  const LANG_KEY = "fwbot.lang";         // localStorage: a language the person chose
  const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
  const CONNECT_TIMEOUT_MS = 8000;
  const ANSWER_TIMEOUT_MS = 15000;  // no answer this long: the socket is broken, reconnect
  const RETRY_LATER = new Set(["slow_down", "rate_limited"]);  // send the same message again
  const NOT_AN_ANSWER = new Set(["shutting_down"]);             // the server speaks unasked

  const TEXTS = {
    en: {
      title: "fwbot — Python framework advisor",
      tagline: "Python framework advisor",
      language: "Language",
      conversation: "Conversation",
      thinking: "fwbot is thinking…",
      inputLabel: "Your question",
      placeholder: "Ask about Python frameworks…",
      send: "Send",
      hint: "Enter sends · Shift+Enter adds a line · ↑ recalls your last question",
      other: "Other ways to talk to fwbot",
      viaTelnet: "Terminal:",
      viaHttp: "HTTP API:",
      viaWs: "WebSocket:",
      retry: "Retry now",
      online: "Online",
      connecting: "Connecting…",
      offline: (s) => (s > 0 ? `Offline · retrying in ${s} s` : "Offline · retrying…"),
      you: "You",
      bot: "fwbot",
      pending: "Waiting for the connection; it will be sent",
      suggestions: "Suggested questions",
      frameworks: "Frameworks",
      resumed: "Connection restored; the conversation goes on.",
      restarted: "The server was restarted, so the conversation starts afresh. Nothing you typed is lost.",
      ended: "Conversation ended. Write again to start a new one.",
      unit: "pts",
      place: (n) => `Place ${n}`,
      whatIs: (name) => `What is ${name}?`,
      score: "Score",
    },
    uk: {
      title: "fwbot — порадник з Python-фреймворків",
      tagline: "Порадник з Python-фреймворків",
      language: "Мова",
      conversation: "Розмова",
      thinking: "fwbot думає…",
      inputLabel: "Ваше запитання",
      placeholder: "Запитайте про Python-фреймворки…",
      send: "Надіслати",
      hint: "Enter — надіслати · Shift+Enter — новий рядок · ↑ — попереднє запитання",
      other: "Інші способи поговорити з fwbot",
      viaTelnet: "Термінал:",
      viaHttp: "HTTP API:",
      viaWs: "WebSocket:",
      retry: "Повторити зараз",
      online: "На зв’язку",
      connecting: "З’єднання…",
      offline: (s) => (s > 0 ? `Немає зв’язку · повтор за ${s} с` : "Немає зв’язку · повтор…"),
      you: "Ви",
      bot: "fwbot",
      pending: "Чекає на з’єднання; буде надіслано",
      suggestions: "Можливі запитання",
      frameworks: "Фреймворки",
      resumed: "З’єднання відновлено; розмова триває.",
      restarted: "Сервер перезапустився, тож розмова починається заново. Усе, що ви написали, збережено.",
      ended: "Розмову завершено. Напишіть ще, щоб почати нову.",
      unit: "б.",
      place: (n) => `Місце ${n}`,
      whatIs: (name) => `Що таке ${name}?`,
      score: "Бали",
    },
  };
  const LANGS = Object.keys(TEXTS);

  const $ = (id) => document.getElementById(id);
  const ui = {
    log: $("log"), input: $("input"), form: $("composer"), status: $("status"),
    statusText: $("status-text"), retry: $("retry"), thinking: $("thinking"),
    langs: [...document.querySelectorAll("button.lang")],
  };

  const state = {
    lang: "en",
    chosenLang: null,     // set when the person picks a language: sent with every ask
    socket: null,
    ready: false,         // hello (and resume) done: asks may go out
    awaitingResume: false,
    everReady: false,
    ended: false,
    attempt: 0,
    retryTimer: 0,
    countdownTimer: 0,
    retryAt: 0,
    outbox: [],           // messages not sent yet, oldest first
    inflight: [],         // sent, waiting for the reply or error (one at a time)
    holdUntil: 0,         // the server asked us to slow down: no sending before this
    holdTimer: 0,
    slowdowns: 0,
    answerTimer: 0,
    history: [],
    historyPos: -1,
    names: new Map(),     // framework id -> display name
  };

  const t = (key) => TEXTS[state.lang][key];

  // -- storage (private modes may refuse it; the page still works) -------------

  function load(store, key) {
    try { return window[store].getItem(key); } catch { return null; }
  }
  function save(store, key, value) {
    try {
      if (value === null) window[store].removeItem(key);
      else window[store].setItem(key, value);
    } catch { /* storage unavailable: keep going */ }
  }

  // -- language ---------------------------------------------------------------

  function initialLang() {
    const chosen = load("localStorage", LANG_KEY);
    if (LANGS.includes(chosen)) {
      state.chosenLang = chosen;
      return chosen;
    }
    for (const tag of navigator.languages || [navigator.language || "en"]) {
      const primary = String(tag).toLowerCase().split("-")[0];
      if (LANGS.includes(primary)) return primary;
    }
    return "en";
  }

  function applyTexts() {
    document.documentElement.lang = state.lang;
    document.title = t("title");
    for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll("[data-i18n-placeholder]")) {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    }
    for (const button of ui.langs) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    }
    renderStatus();
  }

  function chooseLang(lang, { tellServer }) {
    if (!LANGS.includes(lang)) return;
    state.lang = lang;
    state.chosenLang = lang;
    save("localStorage", LANG_KEY, lang);
    applyTexts();
    if (tellServer) enqueue({ type: "lang", lang });
  }

  // -- connection -------------------------------------------------------------

  function socketUrl() {
    return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
  }

  function connect() {
    clearTimeout(state.retryTimer);
    clearInterval(state.countdownTimer);
    state.retryAt = 0;
    setStatus("connecting");
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch {
      scheduleReconnect();
      return;
    }
    state.socket = socket;
    const timeout = setTimeout(() => socket.close(), CONNECT_TIMEOUT_MS);
    socket.addEventListener("open", () => clearTimeout(timeout));
    socket.addEventListener("message", (event) => {
      if (socket === state.socket) receive(event.data);
    });
    socket.addEventListener("close", () => {
      clearTimeout(timeout);
      if (socket === state.socket) dropped();
    });
  }

  function dropped() {
    clearTimeout(state.answerTimer);
    state.socket = null;
    state.ready = false;
    state.awaitingResume = false;
    // Whatever was sent but not answered goes out again, first, after reconnecting.
    state.outbox = [...state.inflight, ...state.outbox];
    state.inflight = [];
    for (const item of state.outbox) markPending(item, true);
    updateThinking();
    if (state.ended) {
      state.ended = false;
      save("sessionStorage", SESSION_KEY, null);
      note(t("ended"));
    }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    const base = BACKOFF_MS[Math.min(state.attempt, BACKOFF_MS.length - 1)];
    state.attempt += 1;
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    state.retryAt = Date.now() + delay;
    setStatus("offline");
    state.retryTimer = setTimeout(connect, delay);
    clearInterval(state.countdownTimer);
    state.countdownTimer = setInterval(renderStatus, 1000);
  }

  function reconnectNow() {
    if (state.socket) return;
    state.attempt = 0;
    connect();
  }

  function setStatus(name) {
    ui.status.dataset.state = name;
    renderStatus();
  }

  function renderStatus() {
    const name = ui.status.dataset.state;
    if (name === "offline") {
      const seconds = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
      ui.statusText.textContent = t("offline")(seconds);
    } else {
      ui.statusText.textContent = t(name);
    }
    ui.retry.hidden = name !== "offline";
  }

  // -- messages from the server ------------------------------------------------

  function receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return; // the contract says every frame is JSON; ignore anything else
    }
    if (message.type === "hello") hello(message);
    else if (message.type === "reply") answered(message);
    else if (message.type === "error") failed(message);
  }

  function hello(message) {
    const stored = load("sessionStorage", SESSION_KEY);
    if (!state.awaitingResume && stored && stored !== message.session) {
      // This socket's own new session: ask for the one we had instead.
      state.awaitingResume = true;
      send({ type: "hello", session: stored });
      return;
    }
    const wasResume = state.awaitingResume;
    state.awaitingResume = false;
    save("sessionStorage", SESSION_KEY, message.session);
    if (!state.everReady || !wasResume) greet(message.greeting);
    else note(t(message.resumed ? "resumed" : "restarted"));
    state.everReady = true;
    state.ready = true;
    state.attempt = 0;
    clearInterval(state.countdownTimer);
    setStatus("online");
    flush();
  }

  function answered(reply) {
    const item = takeInflight();
    if (item) markAnswered(item);
    if (reply.session) save("sessionStorage", SESSION_KEY, reply.session);
    state.slowdowns = 0;
    renderReply(reply);
    if (item && item.type === "ask" && /^\s*\/quit\b/i.test(item.text)) state.ended = true;
    flush();
  }

  function failed(error) {
    const text = String(error.message || error.code || "error");
    if (NOT_AN_ANSWER.has(error.code)) {
      note(text, "error");
      return;
    }
    const item = takeInflight();
    if (item && RETRY_LATER.has(error.code)) {
      // Skipped by the server's rate limit: the same message goes again, later.
      state.outbox.unshift(item);
      state.slowdowns += 1;
      hold(Math.min(8000, 1000 * 2 ** (state.slowdowns - 1)));
      return;
    }
    if (item) markAnswered(item);
    note(text, "error");
    flush();
  }

  function takeInflight() {
    clearTimeout(state.answerTimer);
    const item = state.inflight.shift();
    updateThinking();
    return item;
  }

  function hold(ms) {
    state.holdUntil = Date.now() + ms;
    clearTimeout(state.holdTimer);
    state.holdTimer = setTimeout(flush, ms);
  }

  // -- messages to the server -------------------------------------------------

  function enqueue(item) {
    state.outbox.push(item);
    flush();
    if (state.outbox.includes(item) && !state.ready) markPending(item, true);
  }

  /** Send the oldest waiting message, if the socket is ready and nothing is in flight. */
  function flush() {
    if (state.ready && !state.inflight.length && state.outbox.length
      && Date.now() >= state.holdUntil) {
      const item = state.outbox.shift();
      const wire = { type: item.type };
      if (item.type === "ask") {
        wire.text = item.text;
        if (state.chosenLang) wire.lang = state.chosenLang;
      } else {
        wire.lang = item.lang;
      }
      if (send(wire)) {
        state.inflight.push(item);
        markPending(item, false);
        const socket = state.socket;
        state.answerTimer = setTimeout(() => socket.close(), ANSWER_TIMEOUT_MS);
      } else {
        state.outbox.unshift(item);
      }
    }
    updateThinking();
  }

  function send(message) {
    const socket = state.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  function ask(text) {
    const clean = text.trim();
    if (!clean) return;
    const command = /^\/lang\s+(uk|en)\s*$/i.exec(clean);
    if (command) chooseLang(command[1].toLowerCase(), { tellServer: false });
    state.history.push(clean);
    state.historyPos = -1;
    const item = { type: "ask", text: clean };
    item.el = userMessage(clean);
    enqueue(item);
  }

  // -- the conversation view -----------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function message(kind) {
    const wrap = el("div", `msg ${kind}`);
    if (kind === "user" || kind === "bot") {
      wrap.append(el("span", "who visually-hidden", t(kind === "user" ? "you" : "bot")));
    }
    const bubble = el("div", "bubble");
    wrap.append(bubble);
    ui.log.append(wrap);
    return { wrap, bubble };
  }

  function reveal(wrap) {
    const tall = wrap.getBoundingClientRect().height > window.innerHeight * 0.55;
    if (tall) wrap.scrollIntoView({ block: "start" });
    else window.scrollTo({ top: document.documentElement.scrollHeight });
  }

  function userMessage(text) {
    const { wrap, bubble } = message("user");
    bubble.textContent = text;
    wrap.dataset.state = "queued";
    reveal(wrap);
    return wrap;
  }

  function markPending(item, pending) {
    const wrap = item.el;
    if (!wrap) return;
    wrap.classList.toggle("pending", pending);
    wrap.dataset.state = pending ? "pending" : "sent";
    let caption = wrap.querySelector(".state");
    if (pending && !caption) {
      caption = el("span", "state");
      wrap.append(caption);
    }
    if (caption) {
      if (pending) caption.textContent = t("pending");
      else caption.remove();
    }
  }

  function markAnswered(item) {
    if (item.el) item.el.dataset.state = "answered";
  }

  function note(text, extra = "") {
    const { wrap, bubble } = message(`note ${extra}`.trim());
    bubble.textContent = text;
    reveal(wrap);
  }

  function greet(greeting) {
    const { wrap, bubble } = message("bot greeting");
    const lines = String(greeting).split("\n").filter((line) => line.trim());
    const cyrillic = /[\u0400-\u04FF]/;
    const mine = lines.filter((line) => cyrillic.test(line) === (state.lang === "uk"));
    paragraphs(bubble, mine.length ? mine : lines);
    reveal(wrap);
  }

  /** Plain lines as paragraphs; runs of "• " lines as a list. */
  function paragraphs(parent, lines) {
    let list = null;
    for (const line of lines) {
      if (!line.trim()) continue;
      if (line.startsWith("• ")) {
        if (!list) list = parent.appendChild(el("ul", "block"));
        list.append(el("li", "", line.slice(2)));
      } else {
        list = null;
        parent.append(el("p", "", line));
      }
    }
  }

  const ROW = /^\s*(\d+\.|•)\s/;

  /** The reply's own lines around a structured block that replaces its row lines. */
  function textAround(parent, lines, block) {
    const first = lines.findIndex((line) => ROW.test(line));
    if (first < 0) {
      paragraphs(parent, lines);
      parent.append(block);
      return;
    }
    paragraphs(parent, lines.slice(0, first));
    parent.append(block);
    paragraphs(parent, lines.slice(first).filter((line) => !ROW.test(line)));
  }

  function renderReply(reply) {
    const { wrap, bubble } = message("bot");
    const lang = LANGS.includes(reply.lang) ? reply.lang : state.lang;
    wrap.dataset.intent = String(reply.intent || "");
    wrap.dataset.lang = lang;
    wrap.lang = lang;
    const text = String(reply.reply || "");
    const lines = text.split("\n");
    const details = reply.details && typeof reply.details === "object" ? reply.details : {};
    learnNames(reply, text);

    if (reply.intent === "recommend" && Array.isArray(details.ranking) && details.ranking.length) {
      textAround(bubble, lines, ranking(details.ranking, lang));
    } else if (reply.intent === "compare" && Array.isArray(details.rows) && details.rows.length > 1) {
      textAround(bubble, lines, comparison(details.rows, details.scores, lang));
    } else if (reply.intent === "describe" && details.framework && details.framework.name) {
      bubble.append(card(details.framework));
    } else {
      paragraphs(bubble, lines);
    }

    const ids = Array.isArray(details.frameworks)
      ? details.frameworks.map((f) => f && f.id).filter(Boolean)
      : reply.intent === "filter" && Array.isArray(reply.frameworks) ? reply.frameworks : [];
    if (ids.length) {
      bubble.append(chips(ids.map((id) => nameOf(id)), TEXTS[lang].frameworks, "name",
        (name) => TEXTS[lang].whatIs(name)));
    }
    if (Array.isArray(reply.suggestions) && reply.suggestions.length) {
      const list = chips(reply.suggestions, TEXTS[lang].suggestions, "", (s) => s);
      list.classList.add("suggestions");
      wrap.append(list);
    }
    reveal(wrap);
  }

  function chips(labels, groupLabel, kind, question) {
    const list = el("ul", "chips");
    list.setAttribute("aria-label", groupLabel);
    for (const label of labels) {
      const item = el("li");
      const button = el("button", `chip ${kind}`.trim(), label);
      button.type = "button";
      button.addEventListener("click", () => {
        ask(question(String(label)));
        ui.input.focus();
      });
      item.append(button);
      list.append(item);
    }
    return list;
  }

  function learnNames(reply, text) {
    const cards = [
      ...(Array.isArray(reply.details?.rows) ? reply.details.rows : []),
      ...(Array.isArray(reply.details?.frameworks) ? reply.details.frameworks : []),
      ...(reply.details?.framework ? [reply.details.framework] : []),
    ];
    for (const c of cards) if (c && c.id && c.name) state.names.set(String(c.id), String(c.name));
    // Names in the answer's own text, as it spells them ("FastAPI" for "fastapi").
    const lower = text.toLowerCase();
    for (const id of Array.isArray(reply.frameworks) ? reply.frameworks : []) {
      const at = lower.indexOf(String(id));
      if (!state.names.has(id) && at >= 0) state.names.set(id, text.slice(at, at + id.length));
    }
  }

  function nameOf(id) {
    return state.names.get(String(id)) || String(id);
  }

  // The heading of a card's field as the server words it in the reply's language
  // (card.headings, from data/answers.yaml): the page keeps no copy of its own.
  function heading(fw, field) {
    const headings = fw && fw.headings && typeof fw.headings === "object" ? fw.headings : {};
    const text = headings[field === "kind_label" ? "kind" : field];
    return typeof text === "string" ? text : "";
  }

  // A card's value as the server words it in the reply's language (card.labels);
  // numbers and names as they are.
  function value(fw, field, raw) {
    const labels = fw && fw.labels && typeof fw.labels === "object" ? fw.labels : {};
    if (typeof labels[field] === "string" && labels[field]) return labels[field];
    if (Array.isArray(raw)) return raw.join(", ");
    if (raw === null || raw === undefined || raw === "") return "—";
    return String(raw);
  }

  function ranking(items, lang) {
    const texts = TEXTS[lang];
    const list = el("ol", "ranking block");
    const top = Math.max(1, ...items.map((i) => Number(i.score) || 0));
    items.forEach((item, index) => {
      const li = el("li", "rank");
      li.dataset.id = String(item.id);
      const place = el("span", "place", index + 1);
      place.setAttribute("aria-label", texts.place(index + 1));
      const score = el("span", "score");
      score.append(el("strong", "", item.score));
      score.append(document.createTextNode(` ${texts.unit}`));
      const meter = el("span", "meter");
      meter.setAttribute("aria-hidden", "true");
      const fill = el("span");
      fill.style.width = `${Math.max(4, Math.round(((Number(item.score) || 0) / top) * 100))}%`;
      meter.append(fill);
      li.append(place, el("span", "name", nameOf(item.id)), score, meter);
      const reasons = el("ul", "reasons");
      for (const reason of Array.isArray(item.reasons) ? item.reasons : []) {
        const points = Number(reason.points) || 0;
        const r = el("li", points < 0 ? "minus" : "", reason.text);
        r.append(el("span", "pts", ` (${points > 0 ? "+" : ""}${points})`));
        reasons.append(r);
      }
      if (reasons.childElementCount) li.append(reasons);
      list.append(li);
    });
    return list;
  }

  const COMPARE_FIELDS = ["kind_label", "first_release", "license", "async", "performance",
    "project_size", "community", "learning_curve"];

  // A table on wide screens; on a phone three columns do not fit, so the same
  // facts also come as one card per framework and the stylesheet shows one or
  // the other (display: none keeps the hidden one out of screen readers too).
  function comparison(rows, scores, lang) {
    const texts = TEXTS[lang];
    const box = el("div", "comparison block");
    const wrap = el("div", "table-wrap");
    const table = el("table", "compare");
    const head = table.createTHead().insertRow();
    head.append(el("td"));
    for (const row of rows) {
      const th = el("th", "", row.name || nameOf(row.id));
      th.scope = "col";
      head.append(th);
    }
    const body = table.createTBody();
    const fields = scores && typeof scores === "object" ? [...COMPARE_FIELDS, "score"] : COMPARE_FIELDS;
    for (const field of fields) {
      const tr = body.insertRow();
      const th = el("th", "", field === "score" ? texts.score : heading(rows[0], field));
      th.scope = "row";
      tr.append(th);
      for (const row of rows) {
        const raw = field === "score" ? scores[row.id] : row[field];
        tr.append(el("td", "", value(field === "score" ? null : row, field, raw)));
      }
    }
    wrap.append(table);
    const cards = el("div", "compare-cards");
    for (const row of rows) {
      const item = el("article", "compare-card");
      item.append(el("h3", "", row.name || nameOf(row.id)));
      const facts = el("dl");
      for (const field of fields) {
        const raw = field === "score" ? scores[row.id] : row[field];
        const pair = el("div");
        pair.append(el("dt", "", field === "score" ? texts.score : heading(row, field)),
          el("dd", "", value(field === "score" ? null : row, field, raw)));
        facts.append(pair);
      }
      item.append(facts);
      cards.append(item);
    }
    box.append(wrap, cards);
    return box;
  }

  function card(fw) {
    const box = el("article", "card block");
    const head = el("div", "card-head");
    head.append(el("h3", "", fw.name));
    if (fw.kind_label) head.append(el("span", "badge", fw.kind_label));
    box.append(head);
    if (fw.description || fw.summary) box.append(el("p", "", fw.description || fw.summary));
    if (fw.purpose) {
      const purpose = el("p", "purpose");
      purpose.append(el("strong", "", `${heading(fw, "purpose")}: `), document.createTextNode(fw.purpose));
      box.append(purpose);
    }
    const facts = el("dl", "facts");
    for (const field of ["first_release", "license", "async", "performance", "community",
      "learning_curve", "project_size"]) {
      if (fw[field] === undefined) continue;
      const pair = el("div");
      pair.append(el("dt", "", heading(fw, field)), el("dd", "", value(fw, field, fw[field])));
      facts.append(pair);
    }
    box.append(facts);
    const site = safeUrl(fw.website);
    if (site) {
      const p = el("p");
      const link = el("a", "", site.host);
      link.href = site.href;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      p.append(el("span", "", `${heading(fw, "website")}: `), link);
      box.append(p);
    }
    return box;
  }

  function safeUrl(raw) {
    try {
      const url = new URL(String(raw));
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch {
      return null;
    }
  }

  function updateThinking() {
    ui.thinking.hidden = state.inflight.length === 0;
  }

  // -- the composer -------------------------------------------------------------

  function grow() {
    ui.input.style.height = "auto";
    ui.input.style.height = `${ui.input.scrollHeight + 2}px`;
  }

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value;
    if (!text.trim()) return;
    ui.input.value = "";
    grow();
    ask(text);
    ui.input.focus();
  });

  ui.input.addEventListener("input", grow);
  ui.input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    if (event.key === "Enter" && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      ui.form.requestSubmit();
    } else if (event.key === "ArrowUp" && state.history.length
      && (ui.input.value === "" || state.historyPos >= 0) && ui.input.selectionStart === 0) {
      event.preventDefault();
      state.historyPos = state.historyPos < 0 ? state.history.length - 1 : Math.max(0, state.historyPos - 1);
      ui.input.value = state.history[state.historyPos];
      grow();
      ui.input.setSelectionRange(0, 0);
    } else if (event.key === "ArrowDown" && state.historyPos >= 0
      && ui.input.selectionStart === ui.input.value.length) {
      event.preventDefault();
      state.historyPos += 1;
      if (state.historyPos >= state.history.length) state.historyPos = -1;
      ui.input.value = state.historyPos < 0 ? "" : state.history[state.historyPos];
      grow();
    } else if (event.key.length === 1 || event.key === "Backspace" || event.key === "Delete") {
      state.historyPos = -1;
    }
  });

  for (const button of ui.langs) {
    button.addEventListener("click", () => {
      if (button.dataset.lang !== state.lang) chooseLang(button.dataset.lang, { tellServer: true });
    });
  }
  ui.retry.addEventListener("click", reconnectNow);
  window.addEventListener("online", reconnectNow);

  // -- start ------------------------------------------------------------------------

  for (const node of document.querySelectorAll(".host")) node.textContent = location.hostname;
  for (const node of document.querySelectorAll(".host-port")) node.textContent = location.host;
  state.lang = initialLang();
  applyTexts();
  connect();
  ui.input.focus();
})();
