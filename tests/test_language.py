"""The language layer: normalising, lemmas, language detection, name finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fwbot import language
from fwbot.engine import Engine
from fwbot.language import detect_lang, normalise, tokenise
from fwbot.reply import INTENTS, Session

ENGINE = Engine.load()


def test_normalise_apostrophes_dashes_and_case() -> None:
    assert normalise("З’ЯВИВСЯ  —  Django") == normalise("з'явився - django")
    assert normalise("з\u02bcявився") == "з'явився"
    assert normalise("Full-Stack") == "full stack"


def test_lemmas_cover_ukrainian_inflection() -> None:
    words = {t.raw: t.lemma for t in tokenise(normalise("фреймворку проєктів порадьте"))}
    assert words == {"фреймворку": "фреймворк", "проєктів": "проєкт", "порадьте": "порадити"}


def test_detect_language_ignores_names() -> None:
    assert detect_lang(tokenise("що таке fastapi"), skip=[2]) == "uk"
    assert detect_lang(tokenise("what is джанго"), skip=[2]) == "en"
    assert detect_lang(tokenise("django"), skip=[0]) is None


def test_names_in_latin_cyrillic_and_misspelled() -> None:
    read = ENGINE.reader.read
    assert read("джанго чи фласк").frameworks == ("django", "flask")
    assert read("flsk or djnago").frameworks == ("flask", "django")
    assert read("твістедом").frameworks == ("twisted",)
    assert read("bash data task class").frameworks == ()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_well_formed_reply(text: str) -> None:
    reply = ENGINE.reply(Session(), text)
    assert reply.intent in INTENTS and reply.lang in ("uk", "en") and reply.reply


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Django", "чому?", "and Flask?", "порадь фреймворк",
                                 "великий", "is it async?", "/reset", "порівняй їх", "api",
                                 "/lang uk", "/lang en", "дякую", "xyz"]), max_size=8))
def test_any_conversation_keeps_working(turns: list[str]) -> None:
    session = Session()
    for text in turns:
        reply = ENGINE.reply(session, text)
        assert reply.intent in INTENTS and reply.reply
        assert set(reply.frameworks) <= set(ENGINE.kb.frameworks)


@pytest.mark.parametrize(("text", "read"), [
    ("пiтон це ооп мова?", "пітон це ооп мова?"),     # Latin i in a Cyrillic word
    ("чи є в джангo адмiнка", "чи є в джанго адмінка"),
    ("djаngo", "django"),                              # Cyrillic а in a Latin word
    ("it-шник", "it шник"),                            # two words, each in one script, split
    ("torнадо", "торнадо"),                            # mostly Cyrillic: by sound
    ("flaskом", "flaskом"),                            # mostly Latin, "м" no twin: as written
])
def test_lookalike_letters_are_read_in_the_words_script(text: str, read: str) -> None:
    assert normalise(text) == read


@pytest.mark.parametrize(("text", "lang"), [
    ("Python для Data Science?", "uk"),
    ("what is the difference між Flask і Django", "en"),
    ("пiтон це ооп мова?", "uk"),
])
def test_mixed_messages_are_answered_in_the_language_of_their_grammar(
        text: str, lang: str) -> None:
    assert ENGINE.reply(Session(), text).lang == lang


def _eval_words() -> set[str]:
    """Every word of the evaluation messages (the dev sets) and of the README's examples."""
    import yaml

    root = Path(__file__).parent
    texts = [c["text"] for c in yaml.safe_load((root / "eval/single.yaml").read_text("utf-8"))]
    for d in yaml.safe_load((root / "eval/dialogues.yaml").read_text("utf-8")):
        texts += [t["text"] for t in d["turns"]]
    users = yaml.safe_load((root / "eval/users_dev.yaml").read_text("utf-8"))
    texts += [c["text"] for c in users.get("singles") or []]
    for d in users.get("dialogues") or []:
        texts += [t["text"] for t in d["turns"]]
    texts.append((root.parent / "README.md").read_text("utf-8"))
    return {t.raw for text in texts for t in tokenise(normalise(text))}


def test_lemmas_from_the_tries_are_simplemmas_own() -> None:
    """The tries hold simplemma's dictionaries: every lemma and every 'is this a word'
    is what simplemma's default (dict-backed) functions say, misspellings included."""
    import simplemma

    words = _eval_words() | {"djnago", "flsk", "фласком", "твістедом", "інтернет-магазину",
                             "beginner's", "мікрофреймворками", "вебсокетах"}
    assert len(words) > 2000
    for word in sorted(words):
        if re.search(r"[\u0400-\u04ff]", word):
            lang = "uk"
        elif re.search("[a-z]", word):
            lang = "en"
        else:
            assert language.lemma(word) == word
            continue
        assert language.lemma(word) == simplemma.lemmatize(word, lang=lang).casefold(), word
        assert language.is_known(word) == simplemma.is_known(word, lang=lang), word



def _normalised_step_by_step(text: str) -> str:
    """normalise() as its docstring says it, every step taken on every text."""
    import unicodedata

    text = unicodedata.normalize("NFC", text).translate(language._APOSTROPHES).casefold()
    if re.search(r"[\u0400-\u04ff]", text) and re.search("[a-z]", text):
        # (the plain pattern for "a word of both scripts"; normalise's is faster)
        text = re.sub(r"\w*(?:[a-z]\w*[\u0400-\u04ff]|[\u0400-\u04ff]\w*[a-z])\w*",
                      language._one_script, text)
    text = language._LATIN_HYPHEN_RE.sub(" ", text)
    text = language._CYRILLIC_COMPOUND_RE.sub(language._compound, text)
    text = language._MIXED_HYPHEN_RE.sub(" ", text)
    return " ".join(text.split())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60)
       | st.text(alphabet="aiK-cё Щщ\u0301e\u2019`\u00ab\u2014\t\n\xa0\u2003Джанго'",
                 max_size=40))
def test_normalise_takes_its_shortcuts_to_the_same_text(text: str) -> None:
    """normalise's shortcuts (ASCII text, no apostrophe to replace, spaces already
    single, a pattern for mixed-script words that does not backtrack) give what
    taking every step gives."""
    assert normalise(text) == _normalised_step_by_step(text)
    assert normalise(f"{text}`Ще") == normalise(text + "'ще")


def test_kept_tokens_of_the_vocabulary_are_the_lemmatised_ones() -> None:
    """The tokens kept for good at load time (the vocabulary's words) are what
    lemmatising the word gives, simplemma's own lemma included, and survive
    clearing the caches."""
    import simplemma

    ENGINE.clear_caches()
    kept = dict(language._KNOWN)
    assert len(kept) > 1000 and {"фреймворк", "async", "що", "django"} <= set(kept)
    for raw, token in kept.items():
        assert token == language._make_token(raw), raw
        if token.cyrillic or token.latin:
            lang = "uk" if token.cyrillic else "en"
            assert token.lemma == simplemma.lemmatize(raw, lang=lang).casefold(), raw
        assert tokenise(raw) == (token,)
    names = ENGINE.reader.names
    assert len(names._kept) > 100
    for word, fid in names._kept.items():
        assert fid == names._lookup(word), word
    assert names._kept["джанго"] == "django" and names._kept["запитати"] is None


def test_a_long_message_looks_up_only_its_first_words() -> None:
    """Past MAX_LOOKUP_WORDS a word is taken as typed (no dictionary, no fuzzy name
    search), so a message of gibberish costs what its first words do; a framework
    named later, as it is spelt, is still understood."""
    n = language.MAX_LOOKUP_WORDS
    filler = " ".join(["фреймворки"] * n)
    tokens = tokenise(f"{filler} фреймворки flsk django")
    assert tokens[0].lemma == "фреймворк" and tokens[n].lemma == "фреймворки"
    assert tokens[n + 2].lemma == "django" and tokens[n + 2].latin
    reply = Engine.load().reply(Session(), f"{' '.join(['ну'] * n)} що таке django?")
    assert reply.frameworks and reply.frameworks[0] == "django"


def test_a_slash_between_words_splits_them_but_not_a_version() -> None:
    """"ios/android" are two platforms the claim names; "HTTP/2" stays one term."""
    from fwbot.language import tokenise
    assert [t.raw for t in tokenise("ship as native ios/android apps, http/2")] == [
        "ship", "as", "native", "ios", "android", "apps", "http/2"]


def test_textual_is_no_mobile_toolkit_even_said_with_a_slash() -> None:
    from fwbot.engine import Engine
    from fwbot.reply import Session
    r = Engine.load().reply(Session(), "can textual apps ship as native ios/android apps?")
    assert r.reply.startswith("No") and "terminal" in r.reply


def test_a_name_whose_lemma_is_a_pronoun_is_found_as_written() -> None:
    """"тога" lemmatises to "того" (that): the name is Toga, the pronoun stays a pronoun."""
    read = ENGINE.reader.read
    assert read("тога може зробити апку для айфона?").frameworks == ("toga",)
    assert read("чому того не варто брати").frameworks == ()
    reply = ENGINE.reply(Session(), "тога може зробити апку для айфона?")
    assert reply.reply.startswith("Так") and "iOS" in reply.reply


@pytest.mark.parametrize(("text", "says"), [
    ("de dokumentacia django? daite link", "docs.djangoproject.com"),
    ("fastapi de podyvytys dokumentatsiyu api?", "/docs"),
    ("kivy chy mozhna zrobyty apku dlya androida?", "Android"),
])
def test_ukrainian_typed_in_latin_is_answered_in_ukrainian(text: str, says: str) -> None:
    reply = ENGINE.reply(Session(), text)
    assert reply.lang == "uk" and says in reply.reply


def test_an_unknown_ukrainian_compound_is_read_as_its_parts() -> None:
    """"сайта-портфоліо" is no dictionary word: it is a site (a portfolio one), and
    the vocabulary's own compounds ("сайт-візитка") and known ones stay whole."""
    assert normalise("сайта-портфоліо") == "сайта портфоліо"
    assert normalise("будь-який сайт-візитка") == "будь-який сайт-візитка"
    assert "web" in ENGINE.reader.read("фласк норм для сайта-портфоліо на курсову?").needs


def test_a_features_word_is_no_misspelled_framework_name() -> None:
    """"стрімити" (to stream) is one edit from no name, but it is not Streamlit."""
    assert ENGINE.reader.read("фласк вміє стрімити відповідь?").frameworks == ("flask",)


def test_a_name_that_is_also_a_verb_is_the_verb_beside_its_words() -> None:
    """"даш" is Dash and "you will give": "даш хто розробляє?" asks of Dash, "даш
    пораду?" and "ти мені даш приклад" ask for advice and an example."""
    read = ENGINE.reader.read
    assert read("даш хто розробляє?").frameworks == ("dash",)
    assert read("стрімліт чи даш для дашборда").frameworks == ("streamlit", "dash")
    assert read("даш пораду, який фреймворк для сайту?").frameworks == ()
    assert read("ти мені даш приклад коду на фласку?").frameworks == ("flask",)
    assert "Plotly" in ENGINE.reply(Session(), "даш хто розробляє?").reply


def test_a_cyrillic_capital_in_a_latin_name_is_read_as_its_latin_twin() -> None:
    """"Тornado" (a Cyrillic Т typed with the layout switched) is Tornado, answered in
    English; a Cyrillic word with a capital Т stays Cyrillic."""
    assert normalise("Тornado still maintained?") == "tornado still maintained?"
    assert normalise("Тут є Flask?") == "тут є flask?"
    reply = ENGINE.reply(Session(), "Тornado still maintained?")
    assert reply.lang == "en" and reply.frameworks[:1] == ("tornado",)


@pytest.mark.parametrize(("text", "opens"), [
    ("is tornado non-blocking / async?", "Yes"),       # "non" is no denial of "blocking"
    ("джанго вмер, на ньому вже ніхто не пише, так?", "Ні"),
    ("ківі тіко для мобілок?", "Ні"),                   # "тіко": surzhyk "тільки"
    ("стрімліт належить гуглу?", "Ні"),                 # Snowflake's
    ("streamlit belongs to snowflake?", "Yes"),
])
def test_everyday_spellings_of_a_claim_are_checked(text: str, opens: str) -> None:
    assert ENGINE.reply(Session(), text).reply.startswith(opens)


def test_a_tools_name_that_is_an_everyday_word_beside_its_words() -> None:
    """"button clicks" are no Click (the CLI library); "click чи argparse" is."""
    assert ENGINE.reader.read("how does streamlit handle button clicks?").tools == ()
    assert "click" in ENGINE.reader.read("click чи argparse для cli?").tools


def test_x_it_is_what_asks_what_it_is() -> None:
    reply = ENGINE.reply(Session(), "aiohttp це що взагалі?")
    assert reply.intent == "describe" and reply.frameworks[:1] == ("aiohttp",)
