"""The dialogue engine: ``reply(session, text) -> Reply``, sans-IO and deterministic.

No Twisted, no sockets, no clock: the same text and session state always give
the same Reply. :class:`Engine` decides the intent from an
:class:`~fwbot.understand.Analysis` and the session's context;
:class:`~fwbot.answers.Answers` words the answer.
"""

from __future__ import annotations

from pathlib import Path

from fwbot import knowledge
from fwbot.answers import Answers
from fwbot.claims import Claims
from fwbot.knowledge import UNWANTED, Knowledge
from fwbot.language import warm_up
from fwbot.recommend import Scorer
from fwbot.reply import LANGS, Reply, Session
from fwbot.understand import Analysis, Reader

SOCIAL = ("bye", "thanks", "help", "greet")
# Longer messages are not questions a person types; analysing them costs time on
# the reactor thread that every other user shares, so they get a short answer.
# A backstop: the server refuses long messages first, at --max-message-chars
# (default 1000, at most this), in the sender's language (fwbot.service.Bot.ask).
MAX_QUESTION_CHARS = 4000  # precedence when a message holds several
WIZARD_TRIES = 2


class Engine:
    """One knowledge base and the rules of conversation over it."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.reader = Reader(kb)
        self.scorer = Scorer(kb.frameworks.values(), kb.needs.values())
        self.answers = Answers(kb, self.scorer)
        self.claims = Claims(kb.vocabulary["claims"], frozenset(self.reader.index.words()))

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> Engine:
        """Load a knowledge base (default: the built-in one); KnowledgeError if broken."""
        warm_up()
        return cls(knowledge.load(data_dir))

    def clear_caches(self) -> None:
        """Forget every memoised analysis and answer (benchmarks measure the cold path)."""
        self.reader.clear_caches()
        self.answers.clear_caches()

    # -- the door-facing surface -------------------------------------------

    def greeting(self) -> str:
        """The bilingual greeting a new connection sees."""
        msg = self.kb.messages["greeting"]
        return f"{msg['uk']}\n{msg['en']}"

    def text(self, key: str, lang: str, **fmt: object) -> str:
        """A door text from messages.yaml in ``lang`` (en if the language is unknown)."""
        entry = self.kb.messages[key]
        return str(entry[lang if lang in LANGS else "en"]).format(**fmt)

    def framework_list(self, lang: str) -> list[dict[str, object]]:
        """Short cards of every framework, for GET /api/frameworks."""
        return [self.answers.card(fw, lang, short=True) for fw in self.kb.frameworks.values()]

    def framework_card(self, fid: str, lang: str) -> dict[str, object] | None:
        """The full card of one framework, or None when it is unknown."""
        fw = self.kb.frameworks.get(fid.casefold())
        return self.answers.card(fw, lang) if fw is not None else None

    def reply(self, session: Session, text: str) -> Reply:
        """Answer one message and update the session."""
        session.turns += 1
        stripped = text.strip()
        if len(stripped) > MAX_QUESTION_CHARS:
            lang = session.lang or session.last_lang
            result = Reply(self.answers.t("too_long", lang, limit=MAX_QUESTION_CHARS), "help",
                           lang)  # type: ignore[arg-type]
        elif stripped.startswith("/"):
            result = self._command(session, stripped)
        else:
            a = self.reader.read(stripped)
            lang = session.lang or a.lang or session.last_lang
            result = self._dialogue(session, a, lang)
        session.last_lang = result.lang
        session.intent = result.intent
        if result.frameworks and result.intent not in ("filter", "list"):
            # After a recommendation "it" is the winner, not the whole podium.
            top = result.intent in ("recommend", "explain")
            session.frameworks = list(result.frameworks[:1] if top else result.frameworks)
            session.recent = _merge(session.frameworks, session.recent)[:5]
        return result

    # -- commands -----------------------------------------------------------

    def _command(self, session: Session, text: str) -> Reply:
        parts = text.split()
        command, args = parts[0].casefold(), parts[1:]
        lang = session.lang or session.last_lang
        say = self.answers
        if command in ("/help", "/?"):
            return say.help(lang)
        if command == "/lang":
            choice = args[0].casefold() if args else ""
            if choice in LANGS:
                session.lang = choice  # type: ignore[assignment]
                return Reply(say.t("lang_set", choice), "help", choice)  # type: ignore[arg-type]
            if choice == "auto":
                session.lang = None
                return Reply(say.t("lang_auto", lang), "help", lang)  # type: ignore[arg-type]
            return Reply(say.t("lang_usage", lang), "help", lang)  # type: ignore[arg-type]
        if command == "/reset":
            session.reset()
            return Reply(say.t("reset", lang), "help", lang)  # type: ignore[arg-type]
        if command in ("/quit", "/exit", "/bye"):
            return Reply(say.t("bye", lang), "bye", lang, close=True)  # type: ignore[arg-type]
        return Reply(say.t("unknown_command", lang, command=command), "help",
                     lang, suggestions=["/help"])  # type: ignore[arg-type]

    # -- dialogue rules -----------------------------------------------------

    def _dialogue(self, session: Session, a: Analysis, lang: str) -> Reply:
        """Pick the intent; the order of these rules is the engine's judgement."""
        say = self.answers
        if not a.tokens:
            return Reply(say.t("empty", lang), "help", lang)  # type: ignore[arg-type]
        fws = list(a.frameworks)
        if session.wizard is not None:
            if fws or self._leaves_wizard(a):
                session.wizard = None
            else:
                return self._wizard(session, a, lang)
        if a.unknown and not fws and not a.needs:
            return say.unknown(lang, a.unknown[0])
        if a.has("explain") and not a.attributes:
            if session.recommendation is not None:
                about = fws or session.recommendation.get("about", [])
                return say.explain(session.recommendation, about, lang)
            if not fws and not a.needs and a.content_words == 0:
                return say.explain_none(lang)  # a bare "why?" with nothing to explain
        if ((a.tools or a.domains) and not fws and not a.needs
                and not (a.has("python") and a.has("fit"))):  # "is Python good for ML?"
            return say.related(a.domains, a.tools, lang)
        context = list(session.frameworks)
        if (session.intent == "python" and not fws and not a.needs
                and (a.has("pronoun") or a.has("followup"))):
            return say.python(a, lang)
        if self._is_compare(a, fws, context, session):
            targets = fws if len(fws) >= 2 else _merge(context, fws)
            if len(targets) < 2:  # "compare them" after two single questions
                targets = _merge(targets, session.recent)[:2]
            if len(targets) >= 2:
                return say.compare([self.kb.frameworks[f] for f in targets],
                                   [self.kb.needs[n] for n in a.needs], lang)
            return say.compare_need_one(self.kb.frameworks[targets[0]] if targets else None,
                                        lang)
        if self._is_fit(a, fws):
            session.recommendation = {"needs": list(a.needs), "among": [], "about": fws[:1]}
            return say.fit(self.kb.frameworks[fws[0]], [self.kb.needs[n] for n in a.needs],
                           lang)
        if a.has("criteria") and not fws and not (a.needs and a.has("recommend")):
            return say.criteria(lang)
        if (not fws and not a.needs and a.has("framework_word") and not a.filter_cue
                and ("use" in a.attributes or a.has("describe"))):
            return say.python(a, lang)  # "what is a framework?", "навіщо фреймворки?"
        if a.filter_cue and not fws and (a.filters or not a.has("recommend")):
            if a.filters or a.years:
                found = say.filter(a, lang)
                if found is not None:
                    return found
            elif not a.needs:
                return say.list_all(lang)
        if a.concepts and not fws and not a.has("recommend") and (
                a.has("describe") or a.has("explain") or not context):
            return say.concept(a.concepts, lang)  # "що таке WSGI?", "MVC vs MTV"
        if self._is_recommend(a, fws):
            return self._recommend(session, a, lang, fws)
        if (a.filters or a.years) and not fws and not a.attributes and not a.needs:
            found = say.filter(a, lang)
            if found is not None:
                return found
        if a.has("list") and not fws:
            return say.list_all(lang)
        if a.has("python") and not fws:
            return say.python(a, lang)
        if a.attributes and (fws or context):
            targets = fws or context
            attr = a.attributes[0]
            if attr == "year" and "creators" in a.attributes and not a.years:
                attr = "creators"  # "created by Armin Ronacher?" asks who, not when
            session.attribute = attr
            first = self.kb.frameworks[targets[0]]
            verdict = (self.claims.verdict(first, attr, a.tokens, a.years, lang)
                       if self.claims.polar(a.tokens, a.text) else None)
            return say.attribute([self.kb.frameworks[f] for f in targets], attr, lang, verdict)
        if fws:
            if (session.attribute and a.has("followup") and session.intent == "attribute"
                    and not a.has("describe")):
                return say.attribute([self.kb.frameworks[f] for f in fws],
                                     session.attribute, lang)
            session.attribute = None
            return say.describe(self.kb.frameworks[fws[0]], lang)
        social = [i for i in SOCIAL if a.has(i)]
        if social and not a.has("recommend") and not a.has("framework_word"):
            return say.social(social[0], lang)  # "дякую велике" is thanks, not a need
        if a.needs and not (a.attributes and a.has("pronoun")):
            return self._recommend(session, a, lang, fws)
        if social:
            return say.social(social[0], lang)
        if a.attributes and not context:
            return say.which_framework(a.attributes[0], lang)
        if context and a.has("describe") and (a.has("pronoun") or a.has("followup")):
            return say.describe(self.kb.frameworks[context[0]], lang)
        return say.unknown(lang, None)

    def _leaves_wizard(self, a: Analysis) -> bool:
        """A message that clearly asks something else ends the wizard."""
        return any(a.has(c) for c in ("list", "criteria", "python", "bye", "thanks",
                                      "help", "compare")) and not a.needs

    def _is_compare(self, a: Analysis, fws: list[str], context: list[str],
                    session: Session) -> bool:
        if len(fws) >= 2:
            return not (a.attributes and not a.has("compare") and not a.comparative)
        if a.needs and a.has("recommend"):
            return False
        if a.has("compare") and (a.has("pronoun") or fws) and len(
                _merge(_merge(context, fws), session.recent)) >= 2:
            return True
        if a.comparative and not fws and len(context) >= 2:
            return True
        return (session.intent == "compare" and a.has("followup") and len(fws) == 1
                and len(context) >= 2 and not a.attributes)

    def _is_fit(self, a: Analysis, fws: list[str]) -> bool:
        """"Is Django good for a REST API?", "чи підійде фласк для новачка": one named
        framework and needs, no request for a recommendation, and no attribute asked
        but its use ("is Flask fast?" asks the attribute)."""
        return (len(fws) == 1 and bool(a.needs) and set(a.attributes) <= {"use"}
                and (a.has("fit") or not a.has("recommend")))

    def _is_recommend(self, a: Analysis, fws: list[str]) -> bool:
        if a.has("python") and not a.has("recommend"):
            return False
        if a.has("recommend"):
            return not (len(fws) == 1 and not a.needs)
        return bool(a.needs and a.has("framework_word") and not fws
                    and not a.has("describe"))

    def _recommend(self, session: Session, a: Analysis, lang: str, fws: list[str]) -> Reply:
        needs = list(a.needs)
        previous = session.recommendation
        if (needs and previous and session.intent in ("recommend", "explain", "fit")
                and not fws and not a.has("recommend") and not a.has("framework_word")):
            # "we are beginners" after a recommendation refines it: every answer
            # given so far counts, the newest wins where they disagree.
            needs = _refine(previous["needs"], needs)
        if not needs:
            session.wizard = {"step": "what", "needs": [], "tries": 0}
            return self.answers.wizard_what(lang)
        return self._ranked(session, needs, fws, lang)

    def _wizard(self, session: Session, a: Analysis, lang: str) -> Reply:
        wizard = session.wizard or {}
        needs = _merge(wizard.get("needs", []), list(a.needs))
        if not a.needs:
            wizard["tries"] = wizard.get("tries", 0) + 1
            if wizard["tries"] >= WIZARD_TRIES and needs:
                session.wizard = None
                return self._ranked(session, needs, [], lang)
            if wizard["tries"] >= WIZARD_TRIES:
                session.wizard = None
                return self.answers.unknown(lang, None)
            return self.answers.wizard_again(wizard.get("step", "what"), lang)
        groups = {self.kb.needs[n].group for n in needs}
        if "size" not in groups and wizard.get("step") == "what" and groups & {"what"} and (
                set(needs) & {"web", "api"}):
            session.wizard = {"step": "size", "needs": needs, "tries": 0}
            return self.answers.wizard_size([self.kb.needs[n] for n in needs], lang)
        session.wizard = None
        return self._ranked(session, needs, [], lang)

    def _ranked(self, session: Session, need_ids: list[str], among: list[str],
                lang: str) -> Reply:
        among = among if len(among) >= 2 else []
        session.recommendation = {"needs": need_ids, "among": among}
        return self.answers.recommend_for([self.kb.needs[n] for n in need_ids],
                                          [self.kb.frameworks[f] for f in among], lang)


def _refine(before: list[str], now: list[str]) -> list[str]:
    """Earlier needs plus new ones; a new "not X" drops an earlier X and back."""
    def twin(need: str) -> str:
        return need.removeprefix(UNWANTED) if need.startswith(UNWANTED) else UNWANTED + need

    kept = [n for n in before if twin(n) not in now]
    return _merge(kept, now)


def _merge(first: list[str], second: list[str]) -> list[str]:
    out = list(first)
    for item in second:
        if item not in out:
            out.append(item)
    return out
