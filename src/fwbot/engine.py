"""The dialogue engine: ``reply(session, text) -> Reply``, sans-IO and deterministic.

No Twisted, no sockets, no clock: the same text and session state always give
the same Reply. :class:`Engine` decides the intent from an
:class:`~fwbot.understand.Analysis` and the session's context;
:class:`~fwbot.answers.Answers` words the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import cast

from fwbot import knowledge
from fwbot.answers import Answers
from fwbot.claims import PROPER_RE, Claims
from fwbot.knowledge import FEATURES, UNWANTED, Framework, Knowledge, Need, feature_words
from fwbot.language import (
    Token,
    cyrillic_keys,
    is_known,
    latin_keys,
    normalise,
    sounds_like,
    tokenise,
    warm_up,
)
from fwbot.meaning import ACTS, Reading
from fwbot.recall import Recall, Watch
from fwbot.recommend import Scorer
from fwbot.reply import LANGS, Lang, Reply, Session
from fwbot.understand import (
    AS_WORDS,
    BUILT_AFTER,
    FORGET_WORDS,
    MEMO_CHARS,
    ONLY_WORDS,
    OPENERS,
    SENTENCE_END,
    Analysis,
    Reader,
)

SOCIAL = ("languages", "bye", "thanks", "help", "greet")
# Longer messages are not questions a person types; analysing them costs time on
# the reactor thread that every other user shares, so they get a short answer.
# A backstop: the server refuses long messages first, at --max-message-chars
# (default 1000, at most this), in the sender's language (fwbot.service.Bot.ask).
MAX_QUESTION_CHARS = 4000  # precedence when a message holds several
WIZARD_TRIES = 2
TRACE_SIZE = 8192
BEFORE_WORDS = ("before", "до", "раніше", "earlier", "older")
# Needs that constrain the choice rather than say what is built (details.reading).
CONSTRAINTS: dict[str, tuple[str, ...]] = {
    "experience": ("beginner",), "size": ("small", "medium", "large"),
    "platform": ("gui", "mobile", "terminal"),
}
FEATURE_SET = frozenset(FEATURES)
# Attributes a fit question may name besides its needs ("a desktop app with Django?",
# "a good fit for a typed async api?"): any but the facts asked for their own sake.
FIT_ASKS = FEATURE_SET | {"platforms", "async", "kind", "performance", "community",
                          "learning_curve"}
# Words that claim a feature is missing ("has no ORM?", "без адмінки?"); not "doesn't",
# whose question ("doesn't Django have an ORM?") expects the plain answer.
WITHOUT = frozenset(("without", "без"))
# "Can I build a shop with Flask?" asks whether it is possible, not whether it is best.
CAN_WORDS = frozenset(("can", "could", "possible", "можна", "могу", "зможу", "вийде"))
# "just one file", "лише один файл": an "only" that counts, claiming no more.
ONE_WORDS = frozenset(("one", "single", "один", "одна", "одне", "одним", "одного"))
# A reply that opens with these and names another framework argues for it ("but
# flask is simpler", "але ж фласк простіший"), unless it rules one out ("but not flask").
ARGUE_OPENERS = frozenset(("but", "але", "проте", "однак", "though", "yet"))
ARGUE_NOT = frozenset(("not", "no", "without", "except", "не", "ні", "без", "крім", "окрім"))
# "X не для Y", "X isn't for Y": a "not" with the word that says what a thing is for
# claims X does not fit Y (a claim to check), no need of the user's to leave out.
DENY_NOT = frozenset(("не", "not", "isn't", "isnt", "ain't", "нє"))
DENY_FOR = frozenset(("для", "for", "підходить", "годиться", "підійде", "придатний",
                      "suitable", "suited", "good", "made", "meant", "fit", "можна"))
DENY_SOLO = frozenset(("can't", "cannot", "cant", "неможна"))  # ("you can't build an API")
# "uses Jinja2 by default?": a claim about which of a feature's ways comes first.
DEFAULT_WORDS = frozenset(("default", "замовчуванням", "замовчанням", "типово", "дефолту",
                           "дефолтний", "дефолтна", "стандартно"))
ABSENT_WORDS = frozenset(("no", "without", "lacks", "без", "немає", "нема", "відсутня",
                          "відсутній"))
# "Falcon has zero dependencies, right?", "жодних залежностей": none claimed ("free of
# dependencies" is a phrase of the attribute's own; "free" alone is the price).
NONE_WORDS = ABSENT_WORDS | frozenset(("zero", "нуль", "жодних", "ніяких"))
FREE_OF = frozenset((("free", "of"), ("free", "from")))
# "Why is Flask async from the ground up?" takes its claim for granted: a false one is
# corrected first, as a yes/no question's would be.
WHY_WORDS = frozenset(("why", "чому", "навіщо", "чого", "чо", "чом"))
# "it should be async", "бажано асинхронний": what the project should be, not a question.
SHOULD_WORDS = frozenset(("should", "бажано", "хай", "нехай", "хотілося", "хотілось"))
# "Since Django is async-only, ...", "оскільки Flask має ORM, ...": a premise stated
# before the question; a false one is corrected before the answer.
PREMISE_WORDS = frozenset(("since", "as", "because", "given", "оскільки", "раз", "бо",
                           "якщо", "через"))
IF_WORDS = frozenset(("if", "якщо"))
# "аналог блюпрінтів", "what replaces signals": another framework's counterpart asked for.
COUNTERPART_WORDS = frozenset(("аналог", "аналоги", "аналогу", "аналога", "замість", "заміна",
                               "instead", "equivalent", "analogue", "analog", "counterpart",
                               "replaces", "replacement"))
# "from X to Y": the words before the framework moved from and the one moved to.
MOVE_FROM = frozenset(("з", "із", "зі", "from", "off"))
MOVE_TO = frozenset(("на", "to", "onto", "into"))
# Words that say nothing of the language beside a name: "a" and "i" are "а" and "і"
# typed in Latin letters, "ok" is typed by everyone.
WEAK_LANG_WORDS = frozenset(("a", "i", "ok", "okay", "ок"))
BOTH_WORDS = frozenset(("both", "обидва", "обидві", "обоє"))
# "Flask чи FastAPI популярніший?": either-or asks which, not yes or no.
EITHER_WORDS = frozenset(("or", "чи", "або"))
WHICH_OPENERS = frozenset(("which", "what", "який", "яку", "котрий"))
# "FastAPI як бекенд для мобільного додатку - ок?": ending on "ok" asks if it fits.
FIT_TAGS = frozenset(("ok", "okay", "ок", "норм", "окей"))
# The verbs whose denial states a lack ("не підтримує", "doesn't support", "не має").
DENIED_VERBS = frozenset(("підтримувати", "мати", "вміти", "генерувати", "використовувати",
                          "support", "have", "validate", "generate", "use", "include",
                          # "Bottle doesn't need anything except the standard library"
                          "need", "require", "потребувати", "вимагати"))
# Words that deny: a claim holding one is not confirmed by a sentence that merely
# shares its other words ("not rerun as a whole", "на відміну від Streamlit").
NOT_WORDS = frozenset(("не", "ні", "not", "no", "never", "unlike", "відміну", "без",
                       "without", "нема", "немає", "doesn't", "doesnt", "isn't", "isnt",
                       "don't", "dont"))
# "на чому він побудований?": what a framework is built on, asked with a wh-word.
BUILT_WORDS = frozenset(("побудований", "побудована", "базується", "базуватися", "заснований",
                         "зроблений", "складається", "складатися", "built", "based"))
# "а адмінка там буде?" after a recommendation: "there" is the framework advised.
THERE_WORDS = frozenset(("там", "there"))
# "Is Quart similar to Flask?": a yes/no question of likeness between two frameworks.
SIMILAR_WORDS = frozenset(("схожий", "схожа", "схоже", "схожі", "подібний", "подібна",
                           "similar", "alike", "resemble", "resembles",
                           # "кварт сумісний з фласком?": one that redoes the other's API
                           "сумісний", "сумісна", "сумісне", "сумісні", "compatible"))
# Words that shape a "which of them ...?" rather than say what is picked ("has X
# built in", "is built on"): they do not tell the frameworks' texts apart.
STRUCTURE_WORDS = BUILT_WORDS | frozenset(("build", "builtin", "has", "have", "also", "має",
                                           "вбудований", "вбудована", "теж"))
# Kinds whose interface is written in Python itself (no HTML, CSS or JavaScript).
PURE_PYTHON_KINDS = frozenset(("data-app", "gui", "tui"))
# What Python itself is plainly good for: what its listed frameworks are built for.
PYTHON_SERVES = frozenset(("web", "api", "scraping", "dashboard", "network", "realtime",
                           "production"))
# "built on asyncio?", "написаний на asyncio?": the word before the claimed base.
ON_WORDS = frozenset(("on", "upon", "на", "над", "around"))
# "в джанго є адмінка?", "django has an orm?": a question whether it has a feature.
HAVE_WORDS = frozenset(("є", "має", "has", "have", "got"))
NEED_VERBS = frozenset(("потребує", "needs", "need", "require", "requires", "вимагає"))
# A negation that denies the verb after it in a statement ("не підтримує", "doesn't have").
SAY_NOT = frozenset(("не", "doesn't", "does not", "isn't", "can't", "cannot", "don't",
                     "lacks", "doesnt", "dont", "isnt", "cant", "aint"))
# A message opening with one of these describes the asker's project, not a belief.
FIRST_PERSON = frozenset(("i", "we", "my", "our", "i'm", "im", "я", "ми", "мені", "нам", "мій",
                          "моя", "наш", "наша", "хочу", "need", "треба", "потрібен", "потрібна"))
# Who says what they want ("I need a scraper"): a statement without them that names a
# framework and a need states a claim ("для скрапінгу обовязково потрібен scrapy").
PERSONAL = frozenset(("i", "we", "my", "our", "i'm", "im", "me", "я", "ми", "мені", "нам", "мій",
                      "моя", "моє", "наш", "наша", "наше", "хочу", "хочемо", "want", "мене"))
# A statement naming a framework with one of these claims something to check even
# without a question mark ("django doesnt have its own orm", "в джанго нема міграцій").
STATEMENT_CLAIM = SAY_NOT | frozenset(("no", "without", "lacks", "немає", "нема", "тільки",
                                       "лише", "only", "just", "never", "ніколи"))
# "а хто його зробив?": who made the framework in view, the pronoun inside the phrase.
WHO_WORDS = frozenset(("who", "хто"))
# "how do I add an admin to Flask?", "як прикрутити вебсокети до джанго?": how a
# feature is added, which its fact says with no yes or no before it.
ADD_VERBS = frozenset(("add", "adding", "додати", "додавати", "підключити", "підключати",
                       "прикрутити", "прикручувати"))
HOW_WORDS = frozenset(("how", "як"))
# "а є щось без залежностей?", "anything without dependencies?": one not in view.
SOMETHING_WORDS = frozenset(("щось", "щонебудь", "якийсь", "something", "anything"))
# "Would Tornado be OK for that?", "а Tornado для цього?": the project talked about.
JOB_WORDS = frozenset(("that", "this", "it", "цього", "того", "нього", "такого"))
# "FastAPI для сайту?", "Django for a school diary?": a framework named for a purpose.
FOR_WORDS = frozenset(("for", "для", "під"))
# What a framework is said to be: "twisted це ігровий движок?", "is scrapy a ...?"
IS_WORDS = frozenset(("це", "є", "is"))
# A job done on a framework: "бот на джанго?", "a game on flask?" ("в web2py є ...?" asks
# what it has).
ON_NAME_WORDS = frozenset(("на", "on"))
# Capitalised words in who makes a framework that name no maker by themselves.
GENERIC_MAKERS = frozenset(("the", "project", "community", "organization", "organisation",
                            "software", "foundation", "labs", "company", "since", "today"))
# Words that make a year a release date to filter by ("after 2015", "вийшли після 2015").
# Words before what the asker heard or thought ("are you sure? everyone says fastapi").
HEARD_WORDS = frozenset(("thought", "think", "heard", "says", "say", "said", "read", "думав",
                         "думала", "думаю", "чув", "чула", "кажуть", "каже", "казали",
                         "пишуть", "читав", "читала", "бачив", "бачила"))
# Answers "are you sure?" does not repeat: nothing was asserted in them.
NOT_STOOD_BY = frozenset(("empty", "unknown", "unsure", "social", "wizard", "explain_none"))
YEAR_CUES = frozenset(("after", "since", "newer", "released", "release", "came", "appeared",
                       "created", "made", "later", "після", "пізніше", "новіші", "новіше",
                       "вийшли", "вийшов", "вийшла", "з'явилися", "з'явились", "з'явився",
                       "створені", "створено", "випущені", "from", "між", "between"))
# Words that date a claim of when Python was made ("з 1991?"); a year alone does not.
YEAR_WORDS = frozenset(("born", "народився", "since", "з"))
# Where a clause ends inside a message ("flask can't scale, everyone says ...").
CLAUSE_END = re.compile(r"[,;.!]\s+")
# How long a message is before it may be a story around one question; the acts such
# a question is answered by alone.
STORY_CHARS = 60
FOCUS_ACTS = frozenset(("attribute", "claim", "concept"))
# The built-in features one may go without ("validation" is FastAPI's core, not a part).
OPTIONAL_FEATURES = frozenset(FEATURES) - {"validation", "stdlib_only", "native_widgets"}
# Wh-words that ask which thing a feature is ("what database does django use?").
ASK_WHICH = frozenset(("what", "which", "яка", "яку", "який", "яке", "які", "що", "чим"))
# "made by the same guy?", "одне й те саме?": two frameworks claimed to share their
# maker, or to be one and the same (phrases, normalised).
SAME_MAKER = ("same guy", "same person", "same author", "same people", "same team", "same dude",
              "той самий чувак", "той же чувак", "та сама команда", "одна команда",
              "same developer", "same developers", "same company", "same creator",
              "той самий автор", "той же автор", "ті самі люди", "ті ж люди", "та сама компанія",
              "одна і та сама компанія", "одна й та сама компанія", "той самий розробник",
              "ті самі розробники", "одні й ті самі люди", "одні і ті самі люди",
              "однієї компанії", "одної компанії", "тієї самої компанії", "тієї ж компанії",
              "одна компанія", "одні автори", "ті самі автори", "same authors", "same makers",
              "same maker", "one company", "the same company", "одна людина",
              "одна й та сама людина", "одна і та сама людина", "та сама людина",
              "та ж людина", "one person", "one guy", "the same man", "тих же людей",
              "тих самих людей", "тієї ж команди", "тієї самої команди", "того ж автора",
              "того самого автора", "тих же розробників", "тих самих розробників",
              "same folks", "the same folks")
SAME_THING = ("the same thing", "same thing", "the same framework", "same framework", "same as",
              "одне й те саме", "одне і те саме", "одне й теж", "те саме", "те ж саме",
              "одне й те ж", "один і той самий", "один і той же", "той самий фреймворк",
              "renamed", "rebranded", "a rename", "перейменований", "перейменована",
              "перейменували", "нова назва", "new name")
# "деш це стрімліт від плотлі", "is dash just streamlit by plotly?": one framework said
# to be the other, the words between the two names only these (a copula among them).
IS_WORDS = frozenset(("це", "is", "є"))
IS_BETWEEN = IS_WORDS | frozenset(("просто", "лише", "just", "only", "basically", "ж", "же",
                                   "the", "a", "той", "самий", "такий", "literally"))
# "easier to hire for": how widely it is used, not how easy it is.
HIRE_WORDS = frozenset(("hire", "hiring", "jobs", "vacancies", "найняти", "найму", "найм",
                        "вакансій", "вакансії"))
# "чи варто вчити tornado в 2026?", "is pyramid worth learning?": whether it is worth
# one's time, answered with how alive it is and its strong and weak points.
WORTH_WORDS = frozenset(("worth", "варто", "вартий", "варта", "сенс"))
NEW_WORDS = frozenset(("new", "нового", "новий", "новому", "нових", "today", "now", "зараз",
                       "сьогодні", "нині"))
# "so what do I use instead?" after "Flask has no ORM": what takes the feature's place.
INSTEAD_WORDS = frozenset(("instead", "then", "use", "тоді",
                           "замість", "натомість", "використовувати", "використати",
                           "ставити", "брати", "взяти", "замінити", "юзати"))
# "а чим тоді такі сайти парсити?": the kind just spoken of.
SUCH_WORDS = frozenset(("такі", "таких", "такими", "такий", "таке", "such", "those", "these"))
# What else a claim of who makes frameworks may seem to ask: "maintained" (community),
# "just different versions", "history".
MAKER_ASKED = frozenset(("creators", "use", "community", "version", "history"))
# "я з node", "ми з php", "I come from Java", "we are PHP devs": who asks.
# What the asker already knows ("знаю трохи фласк", "i only know pandas"): forms and lemmas.
KNOW_WORDS = frozenset(("знаю", "знаємо", "знати", "вмію", "вміємо", "вміти", "know", "knows",
                        "knew", "юзав", "юзали", "familiar"))
# Needs that name a kind of framework ("веб фреймворк", "a GUI framework").
KIND_NEEDS = frozenset(("web", "api", "gui", "async"))
# "Kivy uses native widgets, same as Toga?", "FastAPI has an ORM, like Django?"
LIKE_WORDS = frozenset(("same", "like", "як", "подібно", "також", "теж", "типу", "кшталт"))
# "вивчити джанго", "learn Django": the framework named is the one to learn.
LEARN_VERBS = frozenset(("вивчити", "вчити", "вивчати", "learn", "learning", "study"))
# "яка компанія зараз підтримує scrapy?": a company that keeps it up is its maker.
MAINTAIN_VERBS = frozenset(("підтримувати", "розвивати", "розробляти", "супроводжувати",
                            "maintain", "maintains", "develop", "develops", "sponsor",
                            "sponsors", "backs", "own", "owns"))
# "хто створив джанго і коли?": "and" before a second question word asks a second thing.
AND_WORDS = frozenset(("і", "й", "та", "а", "and", "also", "також"))
# "а це один з твоїх фреймворків?", "is it on your list?": whether it is a listed one.
ONE_OF = frozenset(("один", "одна", "одне", "one", "among", "серед", "списку", "list"))
# "was it called something else before?": words that ask for an earlier name, and those a
# history says one with.
OTHER_NAME = frozenset(("інакше", "раніше", "before", "formerly", "previously", "another",
                        "different", "earlier", "other", "інша", "іншу", "іншою", "old", "стара"))
RENAMED = ("renamed", "was called", "називався", "називалася", "перейменува")
# "з якої версії?", "since which version?", "відколи?": since when the last answer holds.
SINCE_WORDS = frozenset(("з", "із", "від", "since", "відколи", "починаючи"))
# Words that say whose a thing is ("фласк від палетс?", "a pallets project?").
BY_WORDS = frozenset(("від", "by"))
# "Pyramid is part of which project?": whose project it is a part of.
PART_WORDS = frozenset(("part", "частина", "частиною", "входить"))
PROJECT_WORDS = frozenset(("project", "проєкт", "проект", "проєкту", "проекту", "product",
                           "продукт"))
# "a separate package you have to install?", "окремо ставиться?": with a word of
# vocabulary.yaml's "separate", a feature said to come from elsewhere, not built in.
PACKAGE_WORDS = frozenset(("package", "install", "installed", "pip", "library", "пакет",
                           "пакетом", "ставити", "ставиться", "встановлювати",
                           "встановлюється", "бібліотека", "бібліотекою"))
# "підтримка async": support for a feature, said with it; alone, how alive it is.
SUPPORT_WORDS = frozenset(("підтримку", "підтримка", "підтримки", "підтримкою", "support"))
# "they only know Python": after "they", what people do, so "they" is the team.
PEOPLE_VERBS = frozenset(("know", "use", "want", "prefer", "знають", "вміють", "юзають",
                          "хочуть", "працюють"))
ONLY_BEFORE = frozenset(("only", "just", "тільки", "лише"))  # "they only know", "вони лише знають"
# "need Django to ...", "потрібен джанго": a framework said to be needed.
NEEDED_WORDS = frozenset(("need", "needs", "require", "requires", "потрібен", "потрібна",
                          "потрібно", "треба", "необхідний", "необхідна"))
# "і що?", "ну і?", "so?": after a recommendation, asking for it again.
AGAIN_WORDS = frozenset(("і", "а", "ну", "то", "так", "що", "шо", "брати", "взяти", "so", "and",
                         "then", "what", "now", "well"))
# "the second one": which of the frameworks last shown.
ORDINALS: dict[str, int] = {
    "second": 1, "third": 2, "last": -1, "другий": 1, "другого": 1, "другому": 1,
    "other": 1, "інший": 1, "іншого": 1, "іншому": 1, "інша": 1,
    "first": 0, "перший": 0, "першого": 0, "першому": 0, "перша": 0,
    "друга": 1, "третій": 2, "третього": 2, "останній": -1, "останнього": -1,
}
# "which of them is closest to Flask?": the one most like the one named.
CLOSEST_WORDS = frozenset(("closest", "nearest", "найближчий", "найближча", "найсхожіший",
                           "найсхожіша", "найподібніший"))
# "the other one": of the frameworks in view, the one not talked about now.
OTHER_WORDS = frozenset(("other", "інший", "іншого", "іншому", "інша", "іншої", "іншій"))
# "the second one" said outright ("other" may mean any other framework, not the second).
SECOND_WORDS = frozenset(("second", "другий", "другого", "другому", "друга"))
# A question opening with these picks one of the frameworks in view ("which runs on iOS?").
# (Not "який": in Ukrainian it asks "what" as often: "яка в нього ліцензія?")
WHICH_WORDS = frozenset(("which", "котрий", "котра"))
# "в якого з них є адмінка?", "а швидший з них який?", "the faster of the two": "of
# them" with a which-word (any case of "який", "котрий") or a comparison picks one.
OF_WORDS = frozenset(("з", "із", "зі", "of"))
THEM_WORDS = frozenset(("них", "цих", "двох", "трьох", "them", "those", "these", "two",
                        "three"))
# "the oldest of the three?": three in view, not two.
THREE_WORDS = frozenset(("three", "трьох"))
# "what port does the dev server use?": the start command's fact says it.
PORT_WORDS = frozenset(("port", "порт", "порту", "порті", "портом"))
# "на ньому зроблений", "built on it": the one in view as what another is built on.
BASE_PRONOUNS = frozenset(("ньому", "ній", "it", "that", "this"))
WHICH_LEMMAS = frozenset(("який", "котрий", "which", "кого", "хто"))
# "it", "that one", "він": one framework, the first of those in view.
SINGULAR = frozenset(("it", "its", "one", "він", "його", "нього", "ньому", "ним", "цей",
                      "цього", "цьому", "той", "того"))
# "X - це фреймворк для Y?", "is X a framework for Y?": what it is said to be made for.
KIND_NOUNS = frozenset(("фреймворк", "framework", "бібліотека", "library", "інструмент", "tool"))
# Performance and release order for "which of them is faster / older".
RANKS: dict[str, Callable[[Framework], int]] = {
    "performance": lambda f: -{"high": 2, "medium": 1, "low": 0}[f.traits.performance],
    "year": lambda f: f.first_release,
}
# "а на чому тоді?" after a claim of what a framework is built on asks what it is.
ON_WHAT = frozenset({("на", "чому"), ("на", "чім"), ("on", "what"), ("what", "on")})

# Who reads a message, in order: the first that understands it gives the Reading.
# Each names the marks of which it needs at least one (fwbot.understand.Analysis.marks;
# None: it always looks), so a message skips the readers it cannot concern.

READERS: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("empty", None), ("wizard", None), ("sure", frozenset({"sure"})),
    ("unknown_thing", frozenset({"unknown"})),
    ("concept_claim", frozenset({"concepts", "attributes"})),
    ("property", frozenset({"frameworks", "pronoun"})),
    ("followup_claim", frozenset({"followup", "pronoun"})),
    ("feature_instead", frozenset({"followup", "recommend", "attributes", "compare",
                                   "describe"})),
    ("property_instead", frozenset({"followup", "recommend", "needs", "attributes"})),
    ("framework_concept", frozenset({"concepts"})),
    ("user_of", None), ("base_followup", frozenset({"followup", "pronoun", "relation"})),
    ("why", frozenset({"explain"})), ("known", frozenset({"frameworks", "tools"})),
    ("argue", frozenset({"frameworks", "excluded"})),
    ("again", frozenset({"recommend", "followup", *(f"first:{w}" for w in AGAIN_WORDS)})),
    ("rivals", frozenset({"rival"})),
    ("refine", frozenset({"needs", "excluded"})),
    ("which_concept", frozenset({"which_of"})),
    ("which_of", frozenset({"which_of", "pronoun", *(f"first:{w}" for w in WHICH_WORDS)})),
    ("which_again", frozenset({"followup"})),
    ("listed", frozenset({"framework_word"})),
    ("same_job", frozenset({"followup"})),
    ("outside", frozenset({"tools", "domains", "excluded", "excluded_tools"})),
    ("split_phrase", frozenset({"pronoun"})), ("split_name", frozenset({"frameworks"})),
    ("python_followup", frozenset({"pronoun", "followup"})),
    ("without_feature", frozenset({"attributes"})),
    ("makers", frozenset({"fws2", "frameworks"})), ("same_pair", frozenset({"fws2", "pronoun"})),
    ("worth", frozenset({"frameworks"})),
    ("claim", frozenset({"relation", "filters", "fws2", "frameworks", "pronoun"})),
    ("compare", frozenset({"fws2", "compare", "comparative", "followup"})),
    ("extreme", frozenset({"framework_word"})),
    ("python_fit", frozenset({"python"})),
    ("fit", frozenset({"needs", "followup", "fit"})), ("criteria", frozenset({"criteria"})),
    ("framework_word", frozenset({"framework_word"})),
    ("filter_cue", frozenset({"filter_cue"})), ("concept", frozenset({"concepts"})),
    ("recommend", frozenset({"recommend", "needs"})),
    ("filter", frozenset({"filters", "years"})), ("list", frozenset({"list"})),
    ("python", frozenset({"python", "python_topics"})), ("attribute", frozenset({"attributes"})),
    ("named", frozenset({"frameworks"})), ("social", frozenset(SOCIAL)),
    ("needs", frozenset({"needs"})), ("rest", None),
)


class Engine:
    """One knowledge base and the rules of conversation over it."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.reader = Reader(kb)
        # The jobs each tool outside the list is listed under ("celery": background jobs).
        self.tool_jobs: dict[str, tuple[str, ...]] = {}
        for domain in kb.domains.values():
            for tid in domain.tools:
                self.tool_jobs[tid] = (*self.tool_jobs.get(tid, ()), domain.id)
        self.scorer = Scorer(kb.frameworks.values(), kb.needs.values())
        # The words of each framework's creators' fact (both languages): the makers and
        # keepers a claim may name ("кварт тепер у pallets?").
        self.keeper_words: dict[str, frozenset[str]] = {
            fw.id: frozenset(t.raw for text in fw.facts.creators.values()
                             for t in tokenise(normalise(text)))
            for fw in kb.frameworks.values() if fw.facts is not None and fw.facts.creators}
        # Each declared feature's words as a property holds them, both ways.
        self.feature_words = feature_words(kb.vocabulary)
        self.feature_of = {words: fid for fid, words in self.feature_words.items()}
        # Concepts no framework has a way of its own ("systemd", "venv"): asked after a
        # framework, they are still asked for themselves.
        names = [fw.name for fw in kb.frameworks.values()]
        self.general_concepts = frozenset(
            c.id for c in kb.concepts.values() if c.id not in FEATURE_SET
            and not any(n in c.text["en"] for n in names))
        # Needs every framework meets alike (a licence fit for closed-source code): alone
        # they rank nothing.
        self.level_needs = frozenset(
            n.id for n in kb.needs.values() if n.rules and len({
                s.score for s in self.scorer.score(kb.frameworks.values(), [n])}) == 1)
        self.answers = Answers(kb, self.scorer)
        self.claims = Claims(kb.vocabulary["claims"], frozenset(self.reader.index.words()),
                             kb.python.get("claims"))
        self.python_facts = frozenset(f["id"] for f in kb.python["python"])
        # Facts whose topic words are Python's own ("GIL", "tuple"): asked without "Python".
        self.alone_facts = frozenset(f["id"] for f in kb.python["python"] if f.get("alone"))
        self.before_words = frozenset(BEFORE_WORDS)
        self.size_ids = frozenset(n.id for n in kb.needs.values() if n.group == "size")
        self.constraint_kinds = {need: kind for kind, ids in CONSTRAINTS.items()
                                 for need in ids if need in kb.needs}
        self._trace: dict[tuple[int, Reading, str], tuple[Reply, Reply]] = {}
        self._recall = Recall()
        # A message's analysis and whether its language is weak, by its text (the
        # analysis is held, so its id, which fwbot.recall keys on, stays the same).
        self._heard: dict[str, tuple[Analysis, bool]] = {}
        # A reply without a suggestion that echoes the message, by reply and message.
        self._echo: dict[tuple[int, str], tuple[Reply, Reply]] = {}
        # Needs that say what is built (a site, an API, a GUI): they keep a job's
        # message ("a shop with a Telegram bot") with the frameworks.
        self.attr_words = {attr: frozenset(
            w for ws in langs.values() for phrase in ws for w in normalise(str(phrase)).split())
            for attr, langs in kb.vocabulary["attributes"].items()}
        self.comparison_words: dict[str, str] = {normalise(str(w)): str(cid)
                                 for cid, c in kb.vocabulary["comparisons"].items()
                                 for ws in c["words"].values() for w in ws if " " not in str(w)}
        # Every word of the phrases that ask each fact ("на честь" asks where a name
        # came from): a claim's own words are the rest ("гітариста").
        self.asking_words = {attr: frozenset(w for ws in langs.values() for p in ws
                                             for w in normalise(str(p)).split())
                             for attr, langs in kb.vocabulary["attributes"].items()}
        # The names in each framework's well-known users ("Instagram", "Інстаграм").
        self.user_names: dict[str, tuple[str, ...]] = {}
        for fw in kb.frameworks.values():
            for text in (fw.facts.users or {}).values() if fw.facts else ():
                for w in (w.strip(".,;:()«»") for w in text.split()):
                    name = normalise(w)
                    if w[:1].isupper() and len(name) >= 5 and fw.id not in self.user_names.get(
                            name, ()):
                        self.user_names[name] = (*self.user_names.get(name, ()), fw.id)
        # (one-word names and which framework each is: "як фастапі" likens FastAPI)
        self.fw_ids = {normalise(n): fw.id for fw in kb.frameworks.values()
                       for n in (fw.id, fw.name, *fw.aliases) if " " not in n}
        self.fw_words = frozenset(self.fw_ids)
        # The proper names in who makes each framework ("Pallets", "Encode", "Ronacher"):
        # "bottle and flask are both Pallets projects?" is checked against each one's.
        self.maker_words: frozenset[str] = frozenset(
            name for fw in kb.frameworks.values() if fw.facts is not None
            for text in fw.facts.creators.values() for w in text.split()
            if w[:1].isupper() and len(name := normalise(w.strip(".,;:()«»'"))) >= 4
            and name not in self.fw_words and name not in GENERIC_MAKERS)
        # The same names as they sound in Cyrillic ("палетс", "бівару"), by their keys.
        self.maker_sounds: dict[str, frozenset[str]] = {}
        for name in self.maker_words | {  # (a maker may be a framework's alias: BeeWare)
                normalise(w) for fw in kb.frameworks.values() if fw.facts is not None
                for text in fw.facts.creators.values()
                for w in PROPER_RE.findall(text)} - GENERIC_MAKERS - {
                n for fw in kb.frameworks.values() for n in (fw.id, normalise(fw.name))}:
            if name.isascii():
                for key in latin_keys(name):
                    self.maker_sounds[key] = self.maker_sounds.get(key, frozenset()) | {name}
        # Needs named by a maker's name ("plotly"): in a claim of who made it, the maker.
        self.maker_needs = frozenset(
            nid for nid, need in kb.needs.items()
            if any(normalise(str(w)) in self.maker_words
                   for ws in need.words.values() for w in ws))
        self.known_words = frozenset(self.reader.index.words()) | frozenset(
            self.reader.function_words) | frozenset(self.reader.neutral)
        # The needs each framework's own add-ons do (Django: api with DRF, realtime).
        self.addon_needs: dict[str, frozenset[str]] = {}
        for tool in kb.tools.values():
            if tool.extends:
                self.addon_needs[tool.extends] = (self.addon_needs.get(tool.extends, frozenset())
                                                  | frozenset(tool.needs))
        # Needs that name what a framework is used for (its ``uses``: web, api, gui, ...).
        self.use_ids = frozenset(n for n in kb.needs if any(
            n in f.traits.uses for f in kb.frameworks.values()))
        self.web_ids = tuple(f.id for f in kb.frameworks.values()
                             if {"web", "api"} & set(f.traits.uses))
        # (and features only a framework gives: "a Telegram bot with a web admin")
        self.what_needs = frozenset(n.id for n in kb.needs.values()
                                    if n.group == "what"
                                    or n.id in ("batteries", "shop", "editors", "qt",
                                                "native", "plotly", "migrations"))
        # Needs that point to a kind of framework other than the web's ("no frontend": a
        # data app): said alone, they do not narrow a recommendation to web frameworks.
        web_kinds = {f.kind for f in kb.frameworks.values() if f.id in self.web_ids}
        self.kind_needs = frozenset(
            n.id for n in kb.needs.values() if any(
                r.weight > 0 and r.condition.trait == "kind" and r.condition.op == "is"
                and r.condition.value not in web_kinds for r in n.rules))
        self._words_of: dict[str, frozenset[str]] | None = None
        self._pair_props: dict[tuple[str, str], tuple[int, ...]] = {}  # see _naming
        # The need of keeping each framework's code ("flask": flask_api): a need of the
        # "from" group whose rules speak for what reimplements that framework's API.
        self.from_needs: dict[str, str] = {
            f.id: n.id for n in kb.needs.values() if n.group == "from" for rule in n.rules
            if rule.condition.trait == "api_of" for f in kb.frameworks.values()
            if f.name == rule.condition.value}
        # The libraries a framework may be claimed to be built on: every framework's
        # bases, the frameworks themselves and asyncio ("built on asyncio?").
        self.base_words = frozenset(normalise(b) for f in kb.frameworks.values() for b in (
            *(f.facts.built_on if f.facts else ()), f.id)) | {"asyncio"}
        # The readers, in the order they are asked (see _dialogue).
        self._readers: tuple[tuple[str, Callable[[Session, Analysis, str], Reading | None]],
                             ...] = tuple((name, getattr(self, f"_read_{name}"))
                                          for name, _ in READERS)
        # Which readers each mark lets look, as bits in reading order; the readers
        # that always look are in every message's set.
        self._always = 0
        self._by_mark: dict[str, int] = {}
        for i, (_, gate) in enumerate(READERS):
            if gate is None:
                self._always |= 1 << i
            else:
                for mark in gate:
                    self._by_mark[mark] = self._by_mark.get(mark, 0) | 1 << i

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> Engine:
        """Load a knowledge base (default: the built-in one); KnowledgeError if broken."""
        warm_up()
        return cls(knowledge.load(data_dir))

    def clear_caches(self) -> None:
        """Forget every memoised analysis and answer (benchmarks measure the cold path)."""
        self.reader.clear_caches()
        self.answers.clear_caches()
        self._trace.clear()
        self._recall.clear()
        self._heard.clear()
        self._echo.clear()
        _plain.cache_clear()

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
        return [self.answers.card(fw, _as_lang(lang), short=True)
                for fw in self.kb.frameworks.values()]

    def framework_card(self, fid: str, lang: str) -> dict[str, object] | None:
        """The full card of one framework, or None when it is unknown."""
        fw = self.kb.frameworks.get(fid.casefold())
        return self.answers.card(fw, _as_lang(lang)) if fw is not None else None

    def reply(self, session: Session, text: str) -> Reply:
        """Answer one message and update the session."""
        session.turns += 1
        stripped = text.strip()
        if len(stripped) > MAX_QUESTION_CHARS:
            lang = session.lang or session.last_lang
            result = Reply(self.answers.t("too_long", lang, limit=MAX_QUESTION_CHARS), "help",
                           lang)
        elif stripped.startswith("/"):
            result = self._command(session, stripped)
        else:
            a, weak = self._heard.get(stripped) or self._hear(stripped)
            # (a first message has no conversation's language to hold: "ок" and
            # "пірамід vs джанго" are Ukrainian by their script)
            # (nor a wizard's answer in terms with no English grammar word: "vps")
            weak = weak or (session.wizard is not None and len(a.tokens) <= 3 and not any(
                self.reader.function_words.get(t.raw) == "en" for t in a.tokens))
            lang = session.lang or (session.last_lang if weak and session.turns > 1
                                    else None) or (a.lang or session.last_lang)
            result = self._dialogue(session, a, lang)
            if not result.details.get("reading", {}).get("sure"):
                session.asked = stripped  # ("are you sure?" twice doubts the same question)
        echo = self._echo.get((id(result), stripped))
        if echo is not None and echo[0] is result:
            result = echo[1]
        else:
            result = self._unechoed(result, stripped)
        session.last_lang = result.lang
        session.intent = result.intent
        read = result.details.get("reading", {})
        if read.get("act") == "concept" and not read.get("frameworks"):
            # "what is wsgi?", "and asgi?": "which of the two does fastapi use?" picks among them
            session.concepts = _merge(list(read.get("concepts", ())), session.concepts)[:2]
        if result.frameworks and read.get("source") != "ordinal":
            # ("а перший хто створив?", then "а в другого?": the list stays the one shown)
            session.shown = list(result.frameworks)
            if read.get("act") == "compare" and read.get("source") in (
                    "named", "context") and set(
                    read.get("frameworks", ())) == set(result.frameworks):
                # "django or fastapi?", then "the first one": the first the user named,
                # whichever the comparison put first (and "а який краще по типізації?"
                # between them keeps that order)
                session.shown = list(read["frameworks"])
        if result.frameworks and result.intent not in ("filter", "list"):
            # After a recommendation "it" is the winner, not the whole podium.
            # and after "which of them has an admin?" the one picked ("а вона безкоштовна?")
            top = result.intent in ("recommend", "explain", "fit") or (  # fit: its subject
                read.get("act") == "which" and bool(read.get("attributes") or read.get("on"))
            ) or (read.get("act") == "claim" and len(read.get("frameworks", ())) == 1)
            # (and after "на чому тримається scrapy?", Scrapy, not Twisted it is built on)
            session.frameworks = list(result.frameworks[:1] if top else result.frameworks)
            session.recent = _merge(session.frameworks, session.recent)[:5]
        return result

    def _hear(self, text: str) -> tuple[Analysis, bool]:
        """The message's analysis and whether only words of both languages tell
        its language; kept for short texts, as the reader keeps analyses (its
        own cache is not enough: fwbot.recall keys on the analysis's identity)."""
        a = self.reader.read(text)
        heard = (a, self._weak_lang(a))
        if len(text) <= MEMO_CHARS:
            if len(self._heard) >= TRACE_SIZE:
                self._heard.clear()
            self._heard[text] = heard
        return heard

    def _unechoed(self, result: Reply, text: str) -> Reply:
        """:func:`_without_echo`, kept per reply and short message: replies are
        memoised, so the same pair comes back and costs a look-up."""
        plain = _without_echo(result, text)
        if len(text) <= MEMO_CHARS:
            if len(self._echo) >= TRACE_SIZE:
                self._echo.clear()
            self._echo[(id(result), text)] = (result, plain)  # held: its id stays unique
        return plain

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
                session.lang = choice
                return Reply(say.t("lang_set", choice), "help", choice)
            if choice == "auto":
                session.lang = None
                return Reply(say.t("lang_auto", lang), "help", lang)
            return Reply(say.t("lang_usage", lang), "help", lang)
        if command == "/reset":
            session.reset()
            return Reply(say.t("reset", lang), "help", lang)
        if command in ("/quit", "/exit", "/bye"):
            return Reply(say.t("bye", lang), "bye", lang, close=True)
        return Reply(say.t("unknown_command", lang, command=command), "help",
                     lang, suggestions=["/help"])

    # -- reading: what the message means in this conversation ------------------

    def _dialogue(self, session: Session, a: Analysis, lang: Lang) -> Reply:
        """Read the message into a :class:`Reading`, then answer it by its act's rule.

        The readers are tried in order and the first that understands the
        message wins; their order is the engine's judgement. A reader only
        looks; the rules (``RULES``) answer and keep what the session needs.
        """
        if session.wizard is not None and (a.frameworks or self._leaves_wizard(a) or (
                (a.domains or a.tools) and not any(n in self.what_needs for n in a.needs)
                and (a.tools or not all(self.kb.domains[d].companion for d in a.domains)))):
            # ("на сервері, лінукс" to the wizard says where it runs: a job done on any
            # app, no other question)
            session.wizard = None  # a framework, another question, or a job outside the list
        asked = self._asked(a) if "?" in a.text and len(a.text) > STORY_CHARS else None
        if asked is not None:
            # A story with one question in it ("Пишу реферат ... Хто створив Flask?"):
            # a question of one framework's facts is that sentence's; the story's own
            # names and needs would only mislead it
            reading, name = self._kept(session, asked, lang)
            if (asked.has("fit") and len(asked.frameworks) == 1 and not asked.needs
                    and a.needs and reading.act not in FOCUS_ACTS):
                # "... хочу маленьку веб-сторінку, без бази. Чи підійде Bottle?": how it
                # fits what the story asks for
                reading, name = self._make("fit", a, lang, frameworks=asked.frameworks,
                                           source="named"), "story"
            elif not asked.frameworks and len(a.frameworks) == 1:
                # "Я веб-розробник на джанго. Чи можу я на ньому зробити десктопну
                # програму?": "it" is the one the story names
                probe = Session()
                probe.frameworks, probe.recent = list(a.frameworks), list(a.frameworks)
                reading, name = self._read(probe, asked, lang)
                if reading.act != "concept" and (reading.act not in FOCUS_ACTS | {"fit"}
                                                 or reading.frameworks != a.frameworks):
                    reading, name = self._kept(session, a, lang)
            elif reading.act not in FOCUS_ACTS or not (
                    reading.frameworks or reading.act == "concept"):
                reading, name = self._kept(session, a, lang)
        else:
            reading, name = self._kept(session, a, lang)
        rule = RULES[reading.act]
        return self._traced(self._answer(session, reading, rule), reading, name, rule)

    def _kept(self, session: Session, a: Analysis, lang: Lang) -> tuple[Reading, str]:
        """The Reading of ``a`` and its reader's name, kept for the same session fields."""
        kept = self._recall.get(session, a, lang)
        if kept is None:
            # Readers see the session through a Watch, so the Reading is kept with
            # the fields it depended on (fwbot.recall); the language is part of the
            # key: the Reading carries it.
            watch = Watch(session)
            reading, name = self._read(cast("Session", watch), a, lang)
            self._recall.keep(watch, a, lang, reading, name)
            return reading, name
        return kept

    def _asked(self, a: Analysis) -> Analysis | None:
        """The one question of a message of several sentences, when it names a framework
        ("... Я чомусь сумніваюсь. Так є у Flask своя ORM чи ні?"); None otherwise."""
        sentences = [x for x in SENTENCE_END.split(a.text) if x.strip()]
        asked = [x for x in sentences if x.rstrip().endswith("?")]
        if len(sentences) < 2 or len(asked) != 1:
            return None
        q = self.reader.read(asked[0])
        # (one naming none, but "it": the framework the story names, if it names one; or
        # a concept asked: "Що таке ORM простими словами? Пишу перший проект, ...")
        return q if q.frameworks or (q.has("pronoun") and len(a.frameworks) == 1) or (
            q.concepts and q.has("describe") and asked[0] == sentences[0]
            and not a.frameworks) else None

    def _read(self, session: Session, a: Analysis, lang: Lang) -> tuple[Reading, str]:
        """The Reading of the message and its reader's name, with the false premise
        it opens with, if any ("since Django is async-only, ..."), to correct first."""
        reading, name = self._understand(session, a, lang)
        if a.frameworks and a.tokens[0].raw in PREMISE_WORDS and reading.act not in (
                "attribute", "claim"):
            reading = self._premise(session, a, lang, reading)
        return reading, name

    def _answer(self, session: Session, reading: Reading, rule: str) -> Reply:
        """The rule's answer, after the correction of a false premise if there is one."""
        session.feature = None  # (a declared feature's answer sets it again: "and bottle?")
        reply: Reply = getattr(self, rule)(session, reading)
        if reading.sure:
            reply = replace(reply, reply=f"{self.answers.t('sure', reading.lang)}\n{reply.reply}")
        if not reading.premise:
            return reply
        fid, attr, verdict = reading.premise
        fix = self.answers.attribute([self.kb.frameworks[fid]], attr, reading.lang,
                                     verdict or None)
        return replace(reply, reply=f"{fix.reply}\n{reply.reply}",
                       frameworks=_merge(list(reply.frameworks), [fid]))

    def _premise(self, session: Session, a: Analysis, lang: Lang, reading: Reading,
                 ) -> Reading:
        """The reading with the premise it must correct first, if the message opens
        with a false one ("since Django is async-only, ..."); else as it is."""
        clause = a.text.split(",", 1)[0]  # the premise, not the question after it
        premise = self.reader.read(clause) if clause != a.text else a
        if not premise.frameworks or not premise.attributes:
            return reading
        fw = self.kb.frameworks[premise.frameworks[0]]
        attr = self._main_attribute(premise, skip="year")
        if attr in FEATURE_SET:
            has = self.answers.has_feature(fw, attr)
            absent = self._claims_absent(premise, attr)
            false = has is not None and (has if absent else not has)
            verdict = "absent" if absent else ""
        else:
            verdict = self.claims.verdict(fw, attr, premise.tokens, premise.years, lang) or ""
            false = verdict in ("no", "partly")
        if not false:
            return reading
        return reading._replace(premise=(fw.id, attr, verdict))

    def _weak_lang(self, a: Analysis) -> bool:
        """Whether nothing but names and words both languages type tells the message's
        language ("a flask?" after transliterated Ukrainian is "а flask?"): the
        conversation's language then holds."""
        # (names both languages type, vocabulary.yaml neutral_words: "raspberry pi" as
        # a wizard's answer)
        neutral = self.reader.neutral
        return bool(a.tokens) and all(t.raw in self.fw_words or t.raw in WEAK_LANG_WORDS
                                      or t.raw in neutral for t in a.tokens)

    def _understand(self, session: Session, a: Analysis, lang: Lang) -> tuple[Reading, str]:
        """The first reader's Reading of the message, and that reader's name."""
        bits = self._always
        by_mark = self._by_mark
        for mark in a.marks:
            bits |= by_mark.get(mark, 0)
        readers = self._readers
        while bits:
            low = bits & -bits
            bits ^= low
            name, reader = readers[low.bit_length() - 1]
            reading = reader(session, a, lang)
            if reading is not None:
                return reading, name
        raise AssertionError("the last reader always answers")  # pragma: no cover

    def _traced(self, reply: Reply, reading: Reading, reader: str, rule: str) -> Reply:
        """The reply with ``details.reading``: the Reading, who understood, who answered.

        Worded answers are memoised and shared; the traced copy of each is kept
        too (keyed by the answer object, held so its id cannot be reused), so a
        repeated question costs a dictionary look-up.
        """
        key = (id(reply), reading, reader)
        hit = self._trace.get(key)
        if hit is not None and hit[0] is reply:
            return hit[1]
        if len(self._trace) >= TRACE_SIZE:
            self._trace.clear()
        details = dict(reply.details)
        details["reading"] = reading.as_detail(reader, rule)
        traced = Reply(reply.reply, reply.intent, reply.lang, reply.frameworks,
                       reply.suggestions, details, reply.close)
        self._trace[key] = (reply, traced)
        return traced

    def _make(self, act: str, a: Analysis, lang: Lang, **more: object) -> Reading:
        """A Reading of ``act`` with what every act shares: the needs with their
        polarity and constraints, as the message gave them."""
        needs = tuple(cast("Sequence[str]", more.pop("needs", a.needs)))
        if "excluded" not in more:
            more["excluded"] = a.excluded
        if not needs:
            return Reading(act, lang, **more)  # type: ignore[arg-type]  # the extra fields are Reading's own
        return Reading(act, lang, needs=needs, must=self._must(a, needs),
                       constraints=self._constraints(needs), **more)  # type: ignore[arg-type]  # the extra fields are Reading's own

    def _must(self, a: Analysis, needs: tuple[str, ...]) -> tuple[str, ...]:
        """The needs said to be required: with a "must" word in the message."""
        if not needs or not a.has("must"):
            return ()
        return tuple(n for n in needs if not n.startswith(UNWANTED))

    def _constraints(self, needs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        kinds = self.constraint_kinds
        return tuple((kinds[n], n) for n in needs if n in kinds)

    def _read_empty(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        return Reading("empty", lang) if not a.tokens else None

    def _read_wizard(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        wizard = session.wizard
        if wizard is None:
            return None
        return self._make("wizard", a, lang, step=wizard.get("step", "what"),
                          needs=self._yielded(_merge(wizard.get("needs", []), _merge(
                              list(a.needs), self._kept_code(session, a)))),
                          thing=None if a.needs else "no_need",
                          excluded=tuple(_merge(wizard.get("excluded", []), list(a.excluded))))

    def _read_unknown_thing(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if a.unknown and (a.domains or a.tools or a.has("recommend")):
            # "телеграм бот на чому? я з node", "Is Celery the go-to, like Sidekiq in
            # Ruby?", "поспитуй мене, я з пхп": who asks or what they knew before, not
            # what is asked
            return None
        if a.unknown and not a.frameworks and not a.needs:
            if (self.claims.needs_language(a.tokens) or self.claims.needs_markup(a.tokens)) and (
                    self._in_view(session, a)):
                return None  # "and do I need to know javascript?" after Dash: of Dash
            view = self._in_view(session, a) if a.has("pronoun") else ()
            facts = self.kb.frameworks[view[0]].facts if view else None
            if facts is not None and facts.properties and self.claims.property_found(
                    a.tokens, [(w, h) for w, h, _ in facts.properties])[0] is not None:
                return None  # "а він javascript рендерить?" after Scrapy: a claim of it
            return Reading("unknown", lang, thing=a.unknown[0])
        return None

    def _read_sure(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"Are you sure?", "а ти певен?" after an answer: the last question read again
        (its facts have not changed), and its answer said to stand. Only a doubt that
        opens the message and asks nothing new: "are you sure flask has an admin?" is
        that question; a framework named as what the asker heard or thought ("I
        thought it was like flask", "everyone says fastapi") is part of the doubt."""
        asked = session.asked
        if asked is None or a.attributes or a.concepts or a.tools:
            return None
        toks = a.tokens
        start = min(s for s, _ in a.spans["sure"])
        if start > 1 or (start == 1 and toks[0].raw not in OPENERS):
            return None
        if a.frameworks or a.needs:
            heard = next((i for i, t in enumerate(toks) if t.raw in HEARD_WORDS), -1)
            if heard < 0 or any(t.raw in self.fw_words for t in toks[:heard]):
                return None
        previous = self.reader.read(asked)
        reading, _name = self._understand(session, previous, lang)
        if reading.act in NOT_STOOD_BY:
            return None
        return reading._replace(lang=lang, sure=True)

    def _read_why(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if (not a.has("explain") or a.attributes or a.has("relation")
                or (any(t.raw in BUILT_AFTER for t in a.tokens)
                    and any((t.raw, u.raw) in ON_WHAT for t, u in pairwise(a.tokens)))):
            return None  # "а на чому він (сам) побудований?" asks on what, not why
        if all(any(s <= es and ee <= e for s, e in a.spans.get("recommend", ()))
               for es, ee in a.spans["explain"]):
            return None  # "на чому робити?" asks what to build on, not why
        rec = session.recommendation
        if (not a.frameworks and not a.needs and a.content_words == 0
                and session.intent in ("attribute", "claim") and session.frameworks):
            # "а чому?" after "а в фласка?" (no ORM): what the framework is says why
            return Reading("describe", lang, frameworks=tuple(session.frameworks[:1]),
                           source="context")
        if rec is not None and rec.get("domains") and not rec["needs"] and not a.frameworks:
            # "why not a web framework?" after the tools for a game: why those tools
            return Reading("related", lang, domains=tuple(rec["domains"]), claim="why")
        if rec is not None:
            toks = a.tokens
            # "а чому не фласк?": the one asked about, not one ruled out
            named = a.frameworks or (a.excluded if any(
                t.raw in WHY_WORDS and u.raw in NOT_WORDS for t, u in pairwise(toks)) else ())
            about = named or tuple(rec.get("about", []))
            # "why not just requests?": why the pick rather than a plain tool; what it
            # does is said with the reasons
            if len(toks) > 3 and toks[0].raw in OPENERS:
                toks = toks[1:]  # "а чому не просто BeautifulSoup?"
            rather = (not a.frameworks and not a.needs and len(toks) > 2
                      and toks[0].raw in WHY_WORDS and toks[1].raw in NOT_WORDS)
            return self._make("explain", a, lang, needs=rec["needs"], frameworks=about,
                              source="named" if named else "recommendation",
                              among=tuple(rec.get("among", [])),
                              excluded=tuple(rec.get("excluded", [])),
                              claim="rather" if rather else None,
                              tools=a.tools if rather else ())
        if not a.frameworks and not a.needs and a.content_words == 0:
            return Reading("explain_none", lang)  # a bare "why?" with nothing to explain
        return None

    def _read_known(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"знаю трохи фласк", "i only know pandas" after a recommendation: what the
        asker already knows refines it, no question about that tool. A framework
        another one keeps the code of (Flask: Quart) adds that need; a tool keeps
        the needs as they were (the pick stands, said again)."""
        # The message first: a session field read is a condition of the recalled
        # reading (fwbot.recall), so it is read only for a message that may need it.
        if (a.polar or a.needs or a.attributes or not (a.frameworks or a.tools)
                or not any(t.raw in KNOW_WORDS or t.lemma in KNOW_WORDS for t in a.tokens)):
            return None
        previous = session.recommendation
        if (previous is None or not previous.get("needs")
                or session.intent not in ("recommend", "explain")):
            return None
        if a.frameworks and not all(f in self.from_needs for f in a.frameworks):
            return None  # ("знаю джанго": no successor keeps its code; read it as said)
        needs = _refine(previous["needs"], [self.from_needs[f] for f in a.frameworks])
        return self._make("recommend", a, lang, needs=needs,
                          among=tuple(previous.get("among", [])),
                          source="recommendation",
                          excluded=tuple(previous.get("excluded", [])))

    def _read_argue(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"But Flask is simpler", "але ж фласк простіший" after a recommendation: the
        user argues for another framework, so the answer is how that one fits the
        same needs (and what fits better), not a new ranking without it (the "but"
        before a name otherwise rules it out)."""
        toks = a.tokens
        if (not toks or toks[0].raw not in ARGUE_OPENERS or a.has("recommend")
                or any(t.raw in ARGUE_NOT for t in toks)):
            return None  # ("but not flask", "але без django": it is ruled out)
        named = _merge(list(a.frameworks), list(a.excluded))
        if len(named) != 1 or a.tools or a.domains or a.has("compare") or a.has("explain"):
            return None
        if session.intent not in ("recommend", "explain") or not session.frameworks:
            return None
        if session.frameworks[0] == named[0]:
            return None  # ("but django is heavy" argues against the pick: read as said)
        previous = session.recommendation
        if previous is None or not previous.get("needs"):
            return None
        return self._make("fit", a, lang, frameworks=(named[0],), source="named",
                          needs=tuple(previous["needs"]), excluded=())

    def _read_rivals(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"а в нього є конкурент якийсь?" after Kivy, naming none: the ones like the
        framework in view, that one left out (named, the Reader has done it:
        "Kivy alternatives"); "any alternatives?" after advice: the next ones for the
        same needs."""
        if a.frameworks or a.needs or a.tools or a.domains or not a.has("rival"):
            return None
        rec = session.recommendation
        if (session.intent in ("recommend", "explain") and rec is not None and rec.get("needs")
                and session.shown and not a.has("pronoun")):
            # "any alternatives?" after advice: the same needs, the pick left out
            return self._make("recommend", a, lang, needs=tuple(rec["needs"]),
                              excluded=tuple(session.shown[:1]))
        about = self._in_view(session, a) if a.has("pronoun") or a.has("followup") else (
            tuple(session.frameworks[:1]) if len(a.tokens) <= 3 else ())  # "any competitors?"
        if not about or "like_" + about[0] not in self.kb.needs:
            return None
        like = "like_" + about[0]
        if self._none_like(about[0]):
            # none of the list is like Scrapy: the tools of its job
            return self._instead(replace(a, needs=(like,), excluded=about[:1]), lang)
        return self._make("recommend", a, lang, needs=(like,), excluded=about[:1])

    def _read_again(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"то шо брати?", "і що?", "So what do you recommend?" right after a
        recommendation: the same one again, from the needs already given (a message
        with needs of its own refines it instead)."""
        # (the message first, the session only when it may be this: fwbot.recall)
        if (a.needs or a.frameworks or a.attributes or a.tools or a.domains
                or a.concepts or a.excluded or a.content_words > 5):
            return None
        if not (a.has("recommend") or (len(a.tokens) <= 3
                                       and all(t.raw in AGAIN_WORDS for t in a.tokens))):
            return None
        previous = session.recommendation
        if previous is None or not previous.get("needs") or session.intent != "recommend":
            return None
        return self._make("recommend", a, lang, needs=tuple(previous["needs"]),
                          among=tuple(previous.get("among", [])), source="recommendation",
                          excluded=tuple(previous.get("excluded", [])))

    def _read_refine(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """Needs given after a recommendation ("так, бажано асинхронний", "we are
        two juniors", "ні, асинхронність не потрібна") refine it: every answer
        counts, the newest wins where they disagree."""
        if not a.needs and not (a.excluded and not a.frameworks and not a.attributes
                                and not a.tools and not a.domains):
            return None  # ("без django" after a pick: the same needs, without Django)
        # "it should be async": "it" is the project when the message says what it must be
        wish = a.has("must") or any(t.raw in SHOULD_WORDS for t in a.tokens)
        # "Not Streamlit - we tried it and hated it": "it" is the one ruled out
        ruled = (bool(a.excluded) or self._forgets(a)) and not a.polar  # ("забудь
        # десктоп, це під андроїд": "це" is the project)
        related = (not a.frameworks and not a.tools and not a.domains and not a.polar
                   and not a.has("framework_word"))  # "а веб фреймворк не підійде?"
        # ("no html or javascript" is no comparison: nothing to compare is named)
        compare = a.has("compare") and len(a.frameworks) + len(a.tools) >= 2
        if not related and (a.frameworks or a.has("framework_word")
                            or (a.has("pronoun") and not wish and not ruled) or a.has("fit")
                            or a.has("which_of") or compare
                            or (a.polar and any((t.raw in ORDINALS and ORDINALS[t.raw] != 1)
                                                or t.raw in SECOND_WORDS for t in a.tokens))):
            # ("а другий на андроїді працює?" asks of the second one named)
            return None  # neither reading below can be this message's, whatever came before
        # The session is read as late as the message allows, and its recommendation
        # last: a reading keyed on fewer of its fields is recalled more often (fwbot.recall).
        yields = self.reader.yields
        if related and a.needs and all(yields.get(n) for n in a.needs):
            previous = session.recommendation
            if (previous is not None and previous.get("domains") and not previous.get("needs")
                    and all(yields[n] & set(previous["domains"]) for n in a.needs)):
                # "a Telegram bot", then "for a pizza place, takes orders": the orders are
                # the bot's (shop yields to telegram), so the job's tools still answer
                return Reading("related", lang, domains=tuple(previous["domains"]))
        if (a.frameworks or a.has("framework_word")
                or (a.has("pronoun") and not wish and not ruled and not self._people(a))
                or a.has("fit") or a.has("which_of") or compare):
            return None
        # "we are beginners" after a question about the pick still refines the pick
        # (or about the tools for a job on the way: "на сервері раз на день")
        intent = session.intent
        qualities = intent in ("attribute", "related") and not any(
            n.removeprefix(UNWANTED) in self.what_needs for n in a.needs)
        # "а якщо мені потрібна адмінка?": what if, about the pick, whatever came between
        conditional = any(t.raw in IF_WORDS for t in a.tokens)
        if (a.polar and not conditional and not wish and intent == "recommend"
                and set(a.attributes) & FEATURE_SET
                and any(t.raw in THERE_WORDS for t in a.tokens)):
            return None  # "а адмінка там буде?": a yes/no about the pick's feature
        answers = intent in ("recommend", "explain", "unknown") or qualities or conditional
        if not answers and intent != "compare":
            return None
        previous = session.recommendation
        if previous is not None and not previous.get("needs") and previous.get("before"):
            previous = previous["before"]  # (the tools for its hosting came between)
        if previous is None or not previous.get("needs"):
            return None
        # "we also need an admin panel" after "Django or FastAPI?": which of the two
        if not answers and not (len(previous.get("among", [])) >= 2
                                and any(n in self.what_needs for n in a.needs)):
            return None
        among = tuple(previous.get("among", []))
        if set(among) == set(self.web_ids) and any(n in self.what_needs for n in a.needs):
            among = ()  # "for beginners", then "a scraper": the web was only the default
        before = list(previous["needs"])
        if any(t.raw in ONLY_WORDS for t in a.tokens) and any(
                n in self.what_needs for n in a.needs):
            # "а якщо клієнт хоче тільки апі для мобілки?" after a website: only that
            # is built now, what was to be built before is not
            before = [n for n in before if n.removeprefix(UNWANTED) not in self.what_needs]
        needs = self._yielded(_refine(before, _merge(
            list(a.needs), self._kept_code(session, a))))
        if a.has("python") and any(n in self.what_needs and n not in needs for n in a.needs):
            # "and the couriers' Android app itself, in Python?" after its API: another
            # thing to build, not the one the API serves
            return self._make("recommend", a, lang, domains=a.domains)
        return self._make("recommend", a, lang, needs=needs,
                          among=among, domains=a.domains,
                          source="recommendation", excluded=tuple(_merge(
                              previous.get("excluded", []), list(a.excluded))))

    @staticmethod
    def _people(a: Analysis) -> bool:
        """Whether the message's pronoun is the team's ("they only know Python",
        "вони знають тільки пайтон"), not a framework's."""
        toks = a.tokens
        said = [i for i, t in enumerate(toks) if t.raw in ("they", "вони")]

        def verb_at(i: int) -> bool:  # (through an "only": "they only know")
            if i < len(toks) and toks[i].raw in ONLY_BEFORE:
                i += 1
            return i < len(toks) and toks[i].raw in PEOPLE_VERBS

        return bool(said) and all(verb_at(i + 1) for i in said)

    def _yielded(self, needs: list[str]) -> list[str]:
        """The needs without those that yield to another one given ("an API" and then
        "for a mobile app": the app is what the API serves, not what is built)."""
        present = set(needs)
        yields = self.reader.yields
        # A size said in its own answer ("small", to "how big?") is the size; only one
        # said with the features in one message yields to them (fwbot.understand).
        return [n for n in needs if n in self.size_ids
                or not (yields.get(n, frozenset()) & present)]

    def _read_outside(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """A tool outside the list named ("jupyter", "DRF"), or a job done with such
        tools ("a 2D game") with nothing asked that a listed framework is built for.

        A job done with a framework keeps the message's own conditions: the job's
        tools whose declared properties the message states come first, and those
        it rules out are left out ("Flask on Windows Server": Waitress, no Gunicorn)."""
        if (a.polar and not a.tools and a.domains and len(a.frameworks) <= 1
                and (a.frameworks or a.has("pronoun"))
                and set(a.attributes) & FEATURE_SET and set(a.attributes) <= FEATURE_SET
                and any(t.raw in HAVE_WORDS for t in a.tokens)):
            return None  # "Does it have something like ActiveRecord migrations?": the feature
        if len(a.frameworks) == 1 and a.domains and not a.tools and self._only_for(a):
            # "streamlit is only for machine learning?": all it is for, a claim of its use
            return self._read_attribute(session, replace(a, attributes=("use",)), lang)
        if (len(a.frameworks) >= 2 and a.domains and not a.tools and not a.needs
                and a.has("compare") and not a.attributes
                and any(t.raw in FOR_WORDS for t in a.tokens)  # the job is what they are for
                and not any(self.kb.domains[d].companion or self.kb.domains[d].frameworks
                            for d in a.domains)):
            # "фастапі чи джанго для телеграм бота?": neither, and the job's own tools
            return Reading("related", lang, domains=a.domains, claim="neither",
                           excluded=a.frameworks)
        if (len(a.frameworks) >= 2 and a.domains and not a.tools and a.has("compare")
                and all(self.kb.domains[d].companion for d in a.domains)):
            return None  # "FastAPI vs Falcon for Lambda": the two compared, each can be
        likeness = bool(a.frameworks) and self._only_likeness(a)  # "... типу фастапі?"
        if (len(a.tools) == 1 and not a.frameworks and a.polar
                and (tool := self.kb.tools[a.tools[0]]).extends
                and self.claims.says_builtin(a.tokens)
                and a.tokens[0].raw in self.fw_words):
            # "flask admin panel built in?": the framework's own, which its add-on gives
            return Reading("claim", lang, frameworks=(tool.extends,), source="named",
                           attributes=("addon",), claim="no", tools=(tool.id,))
        listed = a.has("framework_word") or a.has("your_list")  # ("in your list?")
        if (a.tools and a.polar and listed and (not a.frameworks or likeness)
                and (likeness or (not a.domains and set(a.needs) <= KIND_NEEDS))):
            # "селері це веб фреймворк?": a kind of framework asked of a tool is whether
            # it is one of them (no), not a request for web frameworks
            return Reading("related", lang, tools=a.tools, claim="listed")
        if (len(a.frameworks) == 1 and a.domains and not a.tools and any(
                t.raw in self.claims.client_words for t in a.tokens) and self._polar(a)
                and self.claims.serves(self.kb.frameworks[a.frameworks[0]], a.tokens)):
            return None  # "aiohttp is just an http client": a claim of what it is (claim)
        r = self._read_job(session, a, lang)
        if (r is not None and r.tools and not r.claim and not r.frameworks and a.polar
                and listed and not a.frameworks):
            return r._replace(claim="listed")  # "is pygame one of your frameworks?": no
        if (r is None or not r.frameworks or r.tools or not r.domains
                or r.claim not in ("with", "yes")):
            return r
        kb, claims, names = self.kb, self.claims, self.fw_words
        # (the framework's own name states no condition: "host Flask" is no claim)
        toks = tuple(t for t in a.tokens if t.raw not in names and t.lemma not in names)
        said = {t: claims.properties(toks, kb.tools[t].properties)
                for d in r.domains for t in kb.domains[d].tools if kb.tools[t].properties}
        chosen = tuple(t for t, v in said.items() if v == "yes")
        ruled = tuple(t for t, v in said.items() if v == "no")
        if not (chosen or ruled):
            return r
        return r._replace(prefer=chosen, excluded=ruled)

    def _read_job(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """The reading of :meth:`_read_outside`, before the message's conditions."""
        if not (a.tools or a.domains or a.excluded_tools or a.excluded):
            return None
        if (a.tools and not a.frameworks and a.polar and "dev_server" in a.attributes
                and (held := self._in_view(session, a))
                and self.answers.has_feature(self.kb.frameworks[held[0]], "dev_server")):
            return None  # "and does it need uvicorn to run?" after Sanic: its own server
        # (a tool ruled out beside something to build is no claim: "чат, але без Django
        # Channels, щось легше": another way to build it is asked for)
        ruled = () if any(n in self.what_needs for n in a.needs) else a.excluded_tools
        if (a.tools or ruled) and self._claim_like(a) and (
                not a.frameworks or self._only_likeness(a)):  # ("a framework like Flask?")
            for tid in (*a.tools, *ruled):  # "need jupyter for pandas?": the first
                # that settles it ("pandas without jupyter?": the one ruled out is the claim's)
                verdict, index = self.claims.property_found(a.tokens,
                                                            self.kb.tools[tid].properties)
                if verdict is not None:  # "can gunicorn run on windows?": no, and what it is
                    return Reading("related", lang, tools=(tid, *(t for t in a.tools
                                                                  if t != tid)),
                                   claim=verdict, topic=str(index))
        if (a.excluded_tools or a.excluded) and not a.frameworks:
            instead = self._instead(a, lang)
            if instead is not None:
                return instead
        if not (a.tools or a.domains):
            return None
        addon = next((self.kb.tools[t] for t in a.tools
                      if self.kb.tools[t].extends in a.frameworks), None)
        separate = any(t.raw in self.claims.separate for t in a.tokens)
        if (addon is None and len(a.tools) == 1 and not a.frameworks and a.polar and separate
                and (tool := self.kb.tools[a.tools[0]]).extends in self.kb.frameworks):
            addon = tool  # "а DRF окремо ставиться?": of the framework it extends
        # (said without a question mark too: "django rest framework входить в сам джанго")
        if addon is not None and (a.polar or not self._asks_wh(a)) and (
                self.claims.says_builtin(a.tokens) or a.has("part_of") or separate):
            # "does DRF come bundled with Django?": an add-on is a package of its own
            # (so "is it installed separately?" is yes)
            return Reading("claim", lang, frameworks=(str(addon.extends),), source="named",
                           attributes=("addon",), claim="yes" if separate and not (
                               self.claims.says_builtin(a.tokens) or a.has("part_of"))
                           else "no", tools=(addon.id,))
        together = self._tool_with(a, lang)
        if together is not None:
            return together
        what = self.what_needs
        # (with a job, "my web app" is the app it is for: "background jobs for my web app")
        # and "my Django app needs ..." the app whose job it is
        mine = bool(a.domains) and len(a.frameworks) == 1 and a.frameworks[0] in a.owned
        wanted = not mine and any(n in what and not (a.domains and n in a.owned)
                                  for n in a.needs)
        toks = a.tokens
        asks_python = _opening(a) in self.claims.polar_start or a.has("fit") or (
            len(toks) > 1 and toks[0].raw in self.claims.python_words
            and toks[1].raw in FOR_WORDS)  # "Python для Data Science?", not "best lib ...?"
        if (a.has("python") and a.polar and asks_python and not a.frameworks and a.domains
                and not a.tools and not wanted):
            # "is Python good for ML?": whether Python suits the job, and its tools
            return Reading("related", lang, domains=a.domains, topic="python", claim="python")
        if a.has("python") and a.has("fit") and _opening(a) in self.claims.polar_start:
            return None  # "is Python good for a website?" is about Python
        asks = _opening(a) in self.claims.polar_start  # "is pandas one of your frameworks?"
        if a.concepts and a.tools and not a.frameworks and not a.domains:
            return None  # "навіщо nginx перед gunicorn?": the concept asked, the tool its example
        if (len(a.tools) > 1 and a.has("compare") and not a.has("fit") and len(a.frameworks) < 2
                and not any(self.kb.tools[t].extends for t in a.tools)):
            # "uwsgi чи gunicorn для джанго?": the two tools, each said, with the framework
            return Reading("related", lang, frameworks=a.frameworks, tools=a.tools,
                           source="named" if a.frameworks else "")
        if (len(a.frameworks) == 1 and len(a.tools) == 1 and a.has("compare") and not a.polar
                and not self.kb.tools[a.tools[0]].extends and len(a.tokens) > 2
                and a.tokens[1].raw in EITHER_WORDS | {"vs", "versus"}):
            # "Kivy or pygame for a simple mobile game?": the two, each said, whatever
            # the message asks of them
            return Reading("related", lang, frameworks=a.frameworks, tools=a.tools,
                           domains=a.domains, source="named", claim="vs")
        if (a.tools and a.frameworks and set(a.attributes) - {"use"}
                and not any(self.kb.tools[t].extends for t in a.tools)):
            if a.polar and len(a.tools) == 1:
                # "can gunicorn run fastapi?": the tool's own property that names the
                # framework settles it (Uvicorn workers)
                props = self.kb.tools[a.tools[0]].properties
                verdict, index = self.claims.property_found(a.tokens, props)
                if verdict is not None and any(  # (a word of a phrase: "fastapi by itself")
                        normalise(x) in self.fw_words for w in props[index][0] for x in w.split()):
                    return Reading("related", lang, frameworks=a.frameworks[:1],
                                   tools=a.tools, source="named", claim=verdict,
                                   topic=str(index))
            return None  # "does FastAPI need a server like Uvicorn?": about FastAPI's server
        vs = [f for f in a.frameworks if not any(  # "Scrapy чи BeautifulSoup?"
            self.kb.tools[t].extends == f for t in a.tools)] if (
                a.tools and a.has("compare")
                and (not a.has("fit") or (a.comparative and not a.polar))
                ) else []  # ("which is better for scraping, scrapy or requests?")
        if vs:  # (whatever it is for: "Scrapy or bs4 for thousands of products?")
            return Reading("related", lang, frameworks=tuple(vs), tools=a.tools,
                           domains=a.domains, source="named", claim="vs")
        if (a.tools and len(a.frameworks) == 1 and a.domains and not wanted
                and (not a.has("fit") or any(t.raw in self.claims.wh for t in toks))
                and not set(a.attributes) - {"use"}
                and all(any(t in self.kb.domains[d].tools for d in a.domains)
                        for t in a.tools)):
            # "Django in Docker, do I need Gunicorn in the container?": the job with it;
            # "can I host Flask on PythonAnywhere?": the tool's property, checked
            verdict = self.claims.properties(a.tokens, self.kb.tools[a.tools[0]].properties) \
                if a.polar and len(a.tools) == 1 else None
            return Reading("related", lang, frameworks=a.frameworks, tools=a.tools,
                           domains=a.domains, source="named", claim=verdict or "with")
        if a.tools and not (a.frameworks and a.has("fit")) and (asks or not (
                wanted and not all(self.kb.tools[t].extends for t in a.tools))):
            return Reading("related", lang, tools=a.tools, domains=a.domains)
        held = self._in_view(session, a) if a.polar and a.has("pronoun") else ()
        if (a.domains and held and not wanted and not a.tools and not set(a.attributes) - {"use"}
                and not any(held[0] in self.kb.domains[d].frameworks for d in a.domains)
                and not all(self.kb.domains[d].companion for d in a.domains)):
            # "а js-сторінки він рендерить сам?" after Scrapy: not made for that job,
            # and the job's tools
            return Reading("related", lang, frameworks=held, domains=a.domains,
                           source="context", claim="fit")
        if a.domains and not a.frameworks and not wanted:
            fid = next(iter(session.frameworks), "") if not a.tools else ""
            name = self.kb.frameworks[fid].name if fid in self.kb.frameworks else ""
            if name and (any(self.kb.tools[t].extends == fid
                             or name in self.kb.tools[t].purpose["en"]
                             for d in a.domains for t in self.kb.domains[d].tools) or (
                    # "how do I run it in production?" after aiohttp: a job done on it
                    a.has("pronoun") and self._in_view(session, a) == (fid,)
                    and all(self.kb.domains[d].companion for d in a.domains))):
                # "як зібрати під андроїд?" about Kivy: the job with it (Buildozer); a
                # tool said to serve it ("static files?" after Django: WhiteNoise), or
                # why none does ("а його на шаред хостинг можна?" after FastAPI)
                fw = self.kb.frameworks[fid]
                return Reading("related", lang, frameworks=(fid,), domains=a.domains,
                               source="context",
                               claim="no" if a.polar and self._unserved(fw, a.domains)
                               else "with")
            return Reading("related", lang, tools=a.tools, domains=a.domains)
        opens_for = (len(toks) > 1 and toks[0].raw in self.fw_words
                     and toks[1].raw in FOR_WORDS)  # "джанго для скрипта, що ..."
        vehicle = any(t.raw in self.fw_words and any(u.raw in FOR_WORDS for u in toks[i + 1:i + 3])
                      for i, t in enumerate(toks))  # "textual норм для ...": it does the job
        if (len(a.frameworks) == 1 and a.domains and not a.tools and a.polar
                and not vehicle and not set(a.attributes) - {"use"}
                and not any(t.raw in self.claims.wh for t in toks)  # "яку орм?", "як підняти?"
                and all(self.kb.domains[d].companion for d in a.domains)):
            # "can I write tests for a Flask app?", "чи можна задеплоїти fastapi в
            # docker?": a job done on any app, so yes, with its tools (no when none of
            # them serves it: "FastAPI на шаред хостинг з cPanel?")
            fw = self.kb.frameworks[a.frameworks[0]]
            return Reading("related", lang, frameworks=a.frameworks, domains=a.domains,
                           source="named",
                           claim="no" if self._unserved(fw, a.domains) else "yes")
        # "you need Django to make a Telegram bot", "для бота потрібен джанго?": a
        # framework said to be needed for the job
        needed = any(t.raw in NEEDED_WORDS and toks[i + 1].raw in self.fw_words
                     for i, t in enumerate(toks[:-1]))
        if (len(a.frameworks) == 1 and a.domains and not wanted and not a.tools
                and (a.has("fit") or needed or self._name_for(a) or ((
                    self._name_is(a) or self._on_name(a)) and not any(
                    a.frameworks[0] in self.kb.domains[d].frameworks
                    or self.kb.domains[d].companion
                    or any(self.kb.tools[t].extends == a.frameworks[0]
                           for t in self.kb.domains[d].tools) for d in a.domains)))
                and (a.polar or opens_for or needed)):
            # "Is Django good for machine learning?": not made for it, and the job's
            # tools; "чи підійде kivy для гри?": it does that too, and the job's tools
            also = any(a.frameworks[0] in self.kb.domains[d].frameworks for d in a.domains)
            return Reading("related", lang, frameworks=a.frameworks, domains=a.domains,
                           source="named", claim="also" if also else "fit")
        if (len(a.frameworks) == 1 and a.domains and a.polar and not wanted and not a.tools
                and not set(a.attributes) - {"use"} and any(
                    self.kb.tools[t].extends == a.frameworks[0]
                    for d in a.domains for t in self.kb.domains[d].tools)):
            # "can I deploy a Streamlit app for free?", "можна GraphQL у Django?": yes,
            # with its own add-on for the job
            return Reading("related", lang, frameworks=a.frameworks, domains=a.domains,
                           source="named", claim="yes")
        if (a.domains and a.frameworks and not wanted and not a.has("fit")
                and (not a.polar or any(t.raw in self.claims.wh for t in toks))
                and not set(a.attributes) - {"use"}):  # ("graphql for django, what to use?")
            # "how do I schedule background tasks in Django?": the job's tools, with it
            # (less those ruled out: "no celery please")
            return Reading("related", lang, frameworks=a.frameworks[:1], tools=a.tools,
                           domains=a.domains, source="named", claim="with",
                           excluded=a.excluded_tools)
        return None

    def _tool_with(self, a: Analysis, lang: Lang) -> Reading | None:
        """"celery з джангою дружить?", "SQLAlchemy можна з фастапі?": a tool used on
        any app (a companion job's), an add-on of the framework or one it is built
        on works with it, so yes; "SQLAlchemy is built into Flask?" is no when the
        framework is not built on it (it is added)."""
        if not (a.polar and len(a.tools) == 1 and len(a.frameworks) == 1
                and not a.has("compare") and not set(a.attributes) - {"use", "built_on"}
                and set(a.domains) <= set(self.tool_jobs.get(a.tools[0], ()))):
            return None  # (a job besides the tool's own asks of the job)
        tool, fid = self.kb.tools[a.tools[0]], a.frameworks[0]
        base = tool.id in self.reader.bases.get(fid, ())
        if self.claims.says_builtin(a.tokens) or a.has("part_of"):
            if base or tool.extends == fid:
                return None
            return Reading("related", lang, frameworks=(fid,), tools=(tool.id,),
                           source="named", claim="no")
        if set(a.needs) - {"async"}:
            return None  # ("celery with django for a shop?" asks more than that)
        if base or tool.extends == fid or any(
                self.kb.domains[d].companion for d in self.tool_jobs.get(tool.id, ())):
            return Reading("related", lang, frameworks=(fid,), tools=(tool.id,),
                           source="named", claim="yes")
        return None

    def _feature_of(self, fid: str, feature: str, lang: Lang) -> Reading:
        """Whether ``fid`` has a declared feature, from its own property for it; with
        none, no guess (the nearest of its own facts)."""
        fw = self.kb.frameworks[fid]
        words = self.feature_words[feature]
        for index, (said, holds, _fact) in enumerate(fw.facts.properties if fw.facts else ()):
            if said == words:
                return Reading("claim", lang, frameworks=(fid,), attributes=("property",),
                               source="named", topic=str(index),
                               claim="no" if holds == "addon" else holds)
        return Reading("unsure", lang, frameworks=(fid,), source="named",
                       words=tuple(sorted({normalise(w) for w in words})))

    def _sounded_makers(self, a: Analysis) -> set[str]:
        """The makers' Latin names the message writes in Cyrillic ("палетс": Pallets,
        "бівару": BeeWare): words fwbot does not know that sound like one."""
        return {name for t in a.tokens if t.cyrillic and len(t.raw) >= 4
                and t.raw not in self.fw_words and t.raw not in self.known_words
                and not is_known(t.raw)  # ("брати" is a word, not Bret)
                for key in cyrillic_keys(t.raw) for name in self.maker_sounds.get(key, ())}

    def _makers(self, fid: str) -> frozenset[str]:
        """The words of a framework's creators fact ("friendfeed", "facebook")."""
        facts = self.kb.frameworks[fid].facts
        return frozenset(t.raw for t in tokenise(normalise(" ".join(
            facts.creators.values())))) if facts is not None else frozenset()

    def _none_like(self, fid: str) -> bool:
        """Whether no other framework of the list is like ``fid`` (Scrapy): its job's
        tools then stand in its place."""
        return not self.answers.ranking([self.kb.needs["like_" + fid]], (), (fid,))

    def _unserved(self, fw: Framework, domains: Iterable[str]) -> bool:
        """Whether none of the tools of one of these jobs serves ``fw`` (FastAPI on
        shared hosting: Passenger runs WSGI apps only)."""
        return any(self.answers.unserved(d, fw) for d in domains)

    def _likened_names(self, a: Analysis) -> tuple[str, ...]:
        """The frameworks past the first named right after a like-word ("фласк
        асинхронний як фастапі", "like FastAPI")."""
        toks = a.tokens
        liked = {self.fw_ids[t.raw] for i, t in enumerate(toks)
                 if i and toks[i - 1].raw in LIKE_WORDS and t.raw in self.fw_ids}
        return tuple(f for f in a.frameworks[1:] if f in liked)

    def _only_likeness(self, a: Analysis) -> bool:
        """Whether every framework the message names is only a likeness ("uvicorn is a
        framework like Flask?", "як фласк"): a like-word right before its name."""
        toks = a.tokens
        named = [i for i, t in enumerate(toks) if t.raw in self.fw_words]
        return bool(named) and all(i and toks[i - 1].raw in LIKE_WORDS for i in named)

    def _read_listed(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"А це один з фреймворків, які ти порівнюєш?" after the tools for a job
        outside the list: no, and those tools again."""
        if (a.frameworks or a.tools or a.domains or a.needs or not a.has("pronoun")
                or not any(t.raw in ONE_OF for t in a.tokens)):
            return None  # the message first, then the session (fwbot.recall)
        rec = session.recommendation
        if rec is None or rec.get("needs") or not rec.get("domains") or session.intent != "related":
            return None
        return Reading("related", lang, domains=tuple(rec["domains"]), claim="no")

    def _read_same_job(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"And for a FastAPI app on the same box?" after the tools for a job done on an
        app (hosting Flask on Windows Server): the same job with the framework named."""
        if (len(a.frameworks) != 1 or a.tools or a.domains or a.attributes or a.concepts
                or set(a.needs) - {"web", "api"} or session.intent != "related"):
            return None  # the message first, then the session (fwbot.recall)
        rec = session.recommendation
        if (rec is None or rec.get("needs") or not rec.get("domains")
                or not all(self.kb.domains[d].companion for d in rec["domains"])):
            return None
        return Reading("related", lang, frameworks=a.frameworks, domains=tuple(rec["domains"]),
                       source="named", claim="with")

    def _instead(self, a: Analysis, lang: Lang) -> Reading | None:
        """The tools for a job whose usual pick the message rules out: a tool ("any
        game library but not pygame": the rest of the games' tools) or the listed
        framework made for it ("a scraper but not Scrapy", "a terminal UI without
        Textual": the domains that name it ``instead``)."""
        out = a.excluded_tools
        kb = self.kb
        if out and (any(n in self.what_needs for n in a.needs) or not (
                a.domains or not (a.attributes or a.concepts or a.needs))):
            # "a price scraper, but not Selenium": Scrapy, by the needs; "a database
            # without SQLAlchemy or manual migrations" asks for features, not the job
            # ("any alternative to pygame?" is its job)
            return None
        if out:
            domains = (*a.domains, *(d.id for d in kb.domains.values() if d.id not in a.domains
                                     and any(t in d.tools for t in out)))
            return Reading("related", lang, tools=a.tools, domains=domains, excluded=out,
                           claim="instead") if domains else None
        wanted = {n for n in a.needs if not n.startswith(UNWANTED)}
        gone = [f for f in a.excluded if wanted & set(kb.frameworks[f].traits.uses) or (
            # "is there an alternative to Scrapy?": none of the list is like it, so the
            # tools of its job
            "like_" + f in wanted and self._none_like(f))]
        domains = tuple(d.id for d in kb.domains.values() if set(d.instead) & set(gone))
        if not domains or a.tools:
            return None
        return Reading("related", lang, domains=(*a.domains, *(
            d for d in domains if d not in a.domains)),
            excluded=tuple(f for f in gone if any(
                f in kb.domains[d].instead for d in domains)), claim="instead")

    def _read_split_phrase(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """An attribute's phrase with "it" inside ("а хто його зараз підтримує?", "хто
        його зробив?"): the phrase read without the pronoun, about the framework in view."""
        if (a.attributes or a.frameworks or a.needs or a.tools or a.domains or a.concepts
                or not session.frameworks or session.wizard is not None):
            return None
        inside = {i for s, e in a.spans.get("pronoun", ()) for i in range(s, e)}
        rest = [t.raw for i, t in enumerate(a.tokens) if i not in inside]
        if len(rest) == len(a.tokens) or len(rest) < 2:
            return None
        b = self.reader.read(" ".join(rest))
        if not b.attributes or b.frameworks or b.needs or b.tools or b.domains or b.concepts:
            return None
        about, source = self._context(session, a)
        return Reading("attribute", lang, frameworks=about[:1], attributes=(
            self._main_attribute(b),), source=source)

    def _read_split_name(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """An attribute's phrase with the framework's name inside ("а хто фласк зробив,
        нагадай"): the phrase read without the name, about that framework."""
        if (a.attributes or len(a.frameworks) != 1 or a.needs or a.tools or a.domains
                or a.concepts or a.polar or session.wizard is not None):
            return None  # ("was litestar renamed?" claims something: the claim readers')
        rest = [t.raw for t in a.tokens if t.raw not in self.fw_words]
        if len(rest) < 2 or len(rest) == len(a.tokens):
            return None
        b = self.reader.read(" ".join(rest))
        if not b.attributes or b.frameworks or b.needs or b.tools or b.domains or b.concepts:
            return None
        return Reading("attribute", lang, frameworks=a.frameworks,
                       attributes=(self._main_attribute(b),), source="named")

    def _read_python_followup(self, session: Session, a: Analysis, lang: Lang,
                              ) -> Reading | None:
        if (not a.frameworks and not a.needs and (a.has("pronoun") or a.has("followup"))
                and session.intent == "python"):
            return self._python_reading(a, lang)
        return None

    def _context(self, session: Session, a: Analysis) -> tuple[tuple[str, ...], str]:
        """The frameworks a message without names is about, and how they were found:
        "the second one" picks from the last answer's list, otherwise "it" is the
        framework talked about last."""
        # (the message first, then only the fields it needs: fwbot.recall)
        if any(t.raw in BOTH_WORDS for t in a.tokens) and len(session.recent) >= 2:
            return tuple(session.recent[:2]), "context"  # "а обидва безкоштовні?"
        if any(t.raw in OTHER_WORDS and (t.raw != "other" or (
                i and a.tokens[i - 1].raw == "the")) for i, t in enumerate(a.tokens)) and (
                session.frameworks):
            # ("any other framework?" asks of others; "the other one" of the other)
            # "а інший кому належить?": of the two in view, the one not talked about now
            focus = session.frameworks[0]
            other = next((f for f in (*session.shown, *session.recent) if f != focus), None)
            if other is not None:
                return (other,), "ordinal"
        ordinals = [ORDINALS[t.raw] for t in a.tokens if t.raw in ORDINALS]
        if ordinals:
            rec = session.recommendation
            shown = session.shown if len(session.shown) >= 2 else (
                rec.get("ranked", []) if rec is not None and rec.get("ranked")
                else session.recent)
            if len(shown) >= 2:
                for index in ordinals:
                    if index < len(shown) or index == -1:
                        return (shown[index],), "ordinal"
        if self._singular(a):
            return tuple(session.frameworks[:1]), "context"
        return tuple(session.frameworks), "context"

    def _singular(self, a: Analysis) -> bool:
        """Whether the message points at one framework ("it", "that one", "він")."""
        return any(t.raw in SINGULAR for t in a.tokens) and not a.has("which_of")

    def _subject(self, session: Session, a: Analysis) -> tuple[tuple[str, ...], str]:
        """The frameworks a claim or fit is about: named, else "it" from the context."""
        if a.frameworks and not (a.has("relation") and (
                a.has("pronoun") or any(t.raw in ORDINALS for t in a.tokens))
                and session.frameworks):
            # ("а перший теж на фласку побудований?": the first in view, on Flask)
            return a.frameworks, "named"
        if a.has("pronoun") or a.has("followup") or a.frameworks:
            targets, source = self._context(session, a)
            return (*targets[:1], *(f for f in a.frameworks if f not in targets[:1])), source
        return (), ""

    def _language_claim(self, a: Analysis, lang: Lang, about: tuple[str, ...],
                        source: str) -> Reading | None:
        """A claim of the language a framework is written in or needs known ("streamlit
        написаний на javascript?", "need to know JS for Dash?", "а js треба знати?")."""
        spoken = self.claims.language(a.tokens)
        if spoken is not None:  # "streamlit написаний на javascript?"
            return Reading("claim", lang, frameworks=about, source=source,
                           attributes=("language",), claim=spoken)
        fw = self.kb.frameworks[about[0]]
        if self.claims.needs_markup(a.tokens) and not any(t.raw in WITHOUT
                                                          for t in a.tokens):
            # "чи треба знати html css для фласка": its pages are HTML templates
            # (partly: an API alone needs none); a Python-only interface needs none
            pure = fw.kind in PURE_PYTHON_KINDS
            if pure or fw.traits.templates or fw.kind == "api":
                # (an API framework without templates serves data: no markup)
                claim = "partly" if fw.traits.templates and not pure else "no"
                if any(t.raw in self.claims.deny and u.raw in MARKUP_WORDS
                       for t, u in pairwise(a.tokens)):
                    # "no HTML needed — true?": the claim is that none is needed
                    claim = {"no": "yes"}.get(claim, claim)
                return Reading("claim", lang, frameworks=about, source=source,
                               attributes=("language_needed" if pure else "markup",),
                               claim=claim)
        if self.claims.needs_language(a.tokens):  # "need to know JS for Streamlit?"
            # "can I build Dash apps without knowing JavaScript?" asks the other way
            lang_at = next((i for i, t in enumerate(a.tokens)
                            if t.raw in self.claims.other_languages), len(a.tokens))
            # "without knowing JavaScript" is said before the language; "вимагає
            # знати html і js, без них нічого не вийде" needs them
            without_it = any(t.raw in WITHOUT for t in a.tokens[:lang_at]) or any(
                t.raw in NOT_WORDS and u.lemma in ("know", "знати")
                for t, u in pairwise(a.tokens))
            return Reading("claim", lang, frameworks=about, source=source,
                           attributes=("language_needed",),
                           claim="yes" if without_it else "no")
        return None

    def _read_base_followup(self, session: Session, a: Analysis, lang: Lang,
                            ) -> Reading | None:
        """"Фастапі ж побудований на фласку" (no), then "а на чому тоді?": what the
        framework of that claim is built on; "а на чому він?" asks it of the one in
        view whatever came before."""
        if (a.frameworks or len(a.tokens) > 5 or not any(
                (t.raw, u.raw) in ON_WHAT for t, u in pairwise(a.tokens))):
            return None
        asked, about = session.asked, session.frameworks
        if not (asked and about) or any(t.raw in ORDINALS for t in a.tokens):
            return None  # ("а другий на чому побудований?" asks it of the second one)
        fw = self.kb.frameworks[about[0]]
        # ("а на чому він?" asks it of the one in view, whatever was said before)
        # ("на чому побудований?" too: a relation asked, of the one in view)
        said = (a if (a.has("pronoun") or a.has("relation")) and len(about) == 1
                and not a.attributes
                else self.reader.read(asked))  # ("а на чому він працює?": where it runs)
        if ((said is a or (said.has("relation") and said.frameworks[:1] == (fw.id,)))
                and fw.facts is not None and fw.facts.built_on):
            return Reading("claim", lang, frameworks=(fw.id,), source="context",
                           attributes=("built_on",), claim="asks")
        return None

    def _read_claim(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """A yes/no question that claims what a framework is or is built on, or
        what it is written in; a built-on premise is checked in any question
        ("since FastAPI is built on Flask, ...")."""
        toks = a.tokens
        if (len(a.frameworks) == 1 and a.has("relation") and not a.polar
                and any(t.raw in PROJECT_WORDS for t in toks)
                and any(t.raw in PART_WORDS for t in toks)
                and any(t.raw in self.claims.wh for t in toks)):
            # "Pyramid is part of which project?": whose project it is, not what under it
            return Reading("attribute", lang, frameworks=a.frameworks, attributes=("creators",),
                           source="named")
        if (len(a.frameworks) == 1 and a.polar and a.has("relation") and session.frameworks
                and session.frameworks[0] != a.frameworks[0] and any(
                    t.raw in ON_WORDS and u.raw in BASE_PRONOUNS for t, u in pairwise(toks))):
            # "а фастапі на ньому зроблений?" after Starlette: the one named, built on the
            # one in view?
            subject, held = self.kb.frameworks[a.frameworks[0]], self.kb.frameworks[
                session.frameworks[0]]
            if subject.facts is not None:
                return Reading("claim", lang, frameworks=(subject.id,), source="named",
                               attributes=("built_on",),
                               claim="yes" if held.name in subject.facts.built_on else "no")
        if (a.has("relation") or any(t.lemma in BUILT_WORDS or t.raw in BUILT_WORDS
                                     for t in a.tokens)) and self._asks_base(a):
            about, source = self._subject(session, a)
            fw = self.kb.frameworks[about[0]] if about else None
            if fw is not None and fw.facts is not None and fw.facts.built_on:
                # "а він на чому побудований?", "what does scrapy run on under the hood?"
                return Reading("claim", lang, frameworks=about[:1], source=source,
                               attributes=("built_on",), claim="asks")
        if a.frameworks and self._polar(a):
            spoken = self._language_claim(a, lang, a.frameworks[:1], "named")
            if spoken is not None:
                return spoken
            fw = self.kb.frameworks[a.frameworks[0]]
            base = self._base_claim(fw, a)
            if base is not None:  # "scrapy ж написаний на asyncio з нуля, так?"
                return Reading("claim", lang, frameworks=a.frameworks[:1], source="named",
                               attributes=("built_on",), claim=base)
            bases = {normalise(b) for b in (fw.facts.built_on if fw.facts else ())}
            if bases & {t.raw for t in a.tokens} and any(
                    t.raw in self.claims.need_words or t.lemma in self.claims.need_words
                    for t in a.tokens) and len(a.frameworks) == 1 and not any(
                    t.raw in self.claims.deny for t in a.tokens):
                # "для fastapi обовязково потрібен pydantic?": what it is built on, it needs
                return Reading("claim", lang, frameworks=a.frameworks[:1], source="named",
                               attributes=("built_on",), claim="yes")
            # ("сервер на ньому не напишеш": "write" is no question of who wrote it)
            # ("aiohttp це ж тільки клієнт, як requests, тільки асинхронний": what it is
            # said to be, and how)
            serves = (self.claims.serves(fw, a.tokens)
                      if not set(a.attributes) - {"use", "creators", "async"}
                      and not a.has("fit") else None)
            if serves is not None:  # "aiohttp is only an http client?"
                return Reading("claim", lang, frameworks=a.frameworks[:1], source="named",
                               attributes=("serves",), claim=serves)
        if (a.has("relation") and not a.has("part_of") and not a.polar and len(a.frameworks) < 2
                and any(t.raw in self.claims.wh for t in a.tokens)):
            about, source = self._subject(session, a)
            if about and not a.needs:  # "а на чому він побудований?", "what is it based on?"
                return Reading("claim", lang, frameworks=about[:1], source=source,
                               attributes=("built_on",), claim="asks")
        toks = a.tokens
        without = len(a.frameworks) == 2 and (any(t.raw in WITHOUT for t in toks) or any(
            t.raw in SAY_NOT and u.raw in NEED_VERBS for t, u in pairwise(toks)))
        if not (a.has("relation") or a.filters or without) or (
                a.has("fit") and not a.has("relation") and not without):
            return None  # ("can I use Starlette without FastAPI?" is whether it needs it)
        if a.needs and not a.has("relation") and len(a.frameworks) == 1 and (
                self._name_for(a) or any(t.raw in CAN_WORDS for t in a.tokens)):
            return None  # "Sanic для чату?", "чи можна зробити чат на Django?": a fit
        premise = a.has("relation") and len(a.frameworks) >= 2
        why = self._why(a)
        if not (self._polar(a) or premise or why):
            return None
        about, source = self._subject(session, a)
        if not about:
            return None
        fw = self.kb.frameworks[about[0]]
        if without and not a.has("relation"):  # "dash працює без flask?"
            needs_it = self.kb.frameworks[about[1]].name.casefold() in {
                b.casefold() for b in (fw.facts.built_on if fw.facts else ())}
            at = next((i for i, t in enumerate(toks) if t.raw in WITHOUT), len(toks))
            if any(t.raw in SAY_NOT for t in toks[at + 1:at + 4]):
                needs_it = not needs_it  # "деш без фласку не працює?": it does not, yes
            return Reading("claim", lang, frameworks=about, source=source,
                           attributes=("built_on",), claim="no" if needs_it else "yes")
        feature = bool(set(a.attributes) & FEATURE_SET)
        if a.has("relation") and (len(about) > 1 or (a.tools and not feature)):
            bases = {b.casefold() for b in (fw.facts.built_on if fw.facts else ())}
            others = about[1:]
            named = [self.kb.frameworks[o].name.casefold() for o in others]
            named += [self.kb.tools[t].name.casefold() for t in a.tools]
            holds = bool(named) and all(n in bases for n in named)
            if a.has("part_of") and others:  # "Starlette is part of FastAPI?": the other way
                holds = all(fw.name.casefold() in {b.casefold() for b in self._bases(o)}
                            for o in others)
            # "a WSGI framework built on Flask?": a server interface claimed with it
            # is checked too, and corrected first when it is false.
            iface = (self.claims.verdict(fw, "interface", a.tokens, a.years, lang)
                     if "interface" in a.attributes else None)
            return Reading("claim", lang, frameworks=about, source=source,
                           attributes=("part_of" if a.has("part_of") else "built_on",),
                           claim="yes" if holds else "no",
                           premise=(fw.id, "interface", "no") if iface == "no" else ())
        if a.has("relation") and feature:
            # "doesn't have its own ORM, you plug one in (SQLAlchemy)?" asks of the feature
            return None
        built_on = {normalise(b) for b in (fw.facts.built_on if fw.facts else ())}
        if a.has("relation") and not a.has("part_of") and built_on:
            # "is flask built on werkzeug?" (yes), "fastapi built on werkzeug?" (no: on
            # Starlette and Pydantic): a base that is no framework or tool of ours
            based = built_on & {t.raw for t in a.tokens} or {  # "в даш під капотом реакт?"
                b for b in built_on for t in a.tokens if t.cyrillic and len(t.raw) >= 4
                and t.raw not in self.fw_words and sounds_like(t.raw, latin_keys(b))}
            return Reading("claim", lang, frameworks=about[:1], source=source,
                           attributes=("built_on",), claim="yes" if based else "no")
        if a.has("relation"):
            # "Toga — частина проєкту BeeWare?": what it belongs to is in who makes it
            return self._made_claim(session, a, lang, about[:1], source, relation=True)
        # Two frameworks with "or" ("django or flask for a website?") is a choice
        # between them, not a claim about the first ("bottle is full-stack like django?").
        like = len(about) == 2 and any(t.raw in LIKE_WORDS for t in a.tokens)
        if (set(a.attributes) - {"kind", "use"} or len(about) > 2
                or (len(about) > 1 and a.has("compare") and not like)
                or any(t.raw in self.claims.wh and not (like and t.raw == "як")
                       for t in a.tokens[1:])):
            return None  # "а другий як тоді малює інтерфейс?" asks how, claims nothing
        if a.needs and self.claims.says_builtin(a.tokens):
            addon = next((t for t in self.kb.tools.values() if t.extends == fw.id
                          and set(t.needs) & set(a.needs)), None)
            if addon is not None:  # "Does Django have a REST API built in?"
                return Reading("claim", lang, frameworks=about[:1], source=source,
                               attributes=("addon",), claim="no", tools=(addon.id,))
        if "use" in a.attributes and self._only_for(a):
            return None  # "is django only for websites?": all it is for, not its kind
        if a.needs and not a.has("relation") and any(
                i and t.raw in self.fw_words and a.tokens[i - 1].raw in ON_NAME_WORDS
                for i, t in enumerate(a.tokens)):
            return None  # "хочу чат на джанго зробити, реально?": a job done on it, a fit
        holds = all(self.kb.filters[f].condition.holds(fw) for f in a.filters)
        if why and holds:
            return None  # a true premise: the attribute says what it is
        return Reading("claim", lang, frameworks=about[:1], source=source, attributes=("kind",),
                       filters=a.filters, claim="yes" if holds else "no")

    def _read_feature_instead(self, session: Session, a: Analysis,
                              lang: Lang) -> Reading | None:
        """"а що тоді використовувати?" right after "у Flask немає вбудованої ORM":
        what people add to that framework for the feature, not a new recommendation."""
        # (the message first: a reply that reads the session is kept per its state)
        if (a.frameworks or a.needs or a.tools or set(a.attributes) - {"use"}
                or len(a.tokens) > 7 or not any(t.raw in INSTEAD_WORDS for t in a.tokens)):
            return None
        attr = session.attribute
        if attr not in FEATURE_SET or len(session.frameworks) != 1:
            return None
        fw = self.kb.frameworks.get(session.frameworks[0])
        if fw is None or self.answers.has_feature(fw, attr) is not False:
            return None
        return Reading("attribute", lang, frameworks=(fw.id,), attributes=(attr,),
                       source="context", claim="instead")

    def _read_property_instead(self, session: Session, a: Analysis,
                               lang: Lang) -> Reading | None:
        """"а чим тоді такі сайти парсити?" right after "Scrapy does not run
        JavaScript": the fact of that missing feature, which says what people add."""
        if (a.frameworks or a.tools or len(a.tokens) > 7 or set(a.attributes) - {"use"}
                or not any(t.raw in INSTEAD_WORDS for t in a.tokens)
                or (a.needs and not any(t.raw in SUCH_WORDS for t in a.tokens))):
            return None  # ("а тоді що краще для апі?" asks for another job)
        feature = session.feature
        if feature is None or len(session.frameworks) != 1:
            return None
        fw = self.kb.frameworks.get(session.frameworks[0])
        props = fw.facts.properties if fw is not None and fw.facts else ()
        index = next((i for i, (words, holds, _) in enumerate(props)
                      if holds in ("no", "addon") and self.feature_of.get(words) == feature),
                     -1)
        if fw is None or index < 0:
            return None
        return Reading("claim", lang, frameworks=(fw.id,), source="context",
                       attributes=("property",), claim="asks", topic=str(index))

    def _read_without_feature(self, session: Session, a: Analysis,
                              lang: Lang) -> Reading | None:
        """"can I use django without the orm?", "чи можна django без адмінки?": whether
        a framework works without a feature of its own (yes: it is optional), not
        whether it fits a project that wants none."""
        features = [x for x in a.attributes if x in OPTIONAL_FEATURES]
        toks = a.tokens
        if (len(a.frameworks) != 1 or len(features) != 1 or a.has("recommend")
                or not (a.polar or any(t.raw in CAN_WORDS for t in toks))
                or not any(t.raw in WITHOUT and any(  # (by lemma too: "без шаблонів")
                    u.raw in self.attr_words[features[0]] or u.lemma in self.attr_words[
                        features[0]] for u in toks[i + 1:i + 4])
                    for i, t in enumerate(toks))):
            return None  # ("websocket support without extra packages?" asks if it has it)
        return Reading("attribute", lang, frameworks=a.frameworks, attributes=(features[0],),
                       claim="optional", source="named")

    def _read_same_pair(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"flask was made by the same guy who made django", "twisted і tornado це одне
        й те саме?": whether two frameworks share their first makers (their person or
        company names), or are one thing (never: each is its own framework)."""
        text = f" {' '.join(t.raw for t in a.tokens)} "
        if len(a.frameworks) <= 1 and a.has("pronoun") and self._singular(a):
            # "і його зробили ті ж люди, що й джанго?": the one in view and the one named;
            # "is it from the same people now?" after Quart and Flask: the two in view
            # (the message first, then the session: fwbot.recall)
            if not any(f" {p} " in text for p in SAME_MAKER) or not session.frameworks:
                return None
            pair = ((session.frameworks[0], a.frameworks[0]) if a.frameworks
                    else tuple(session.frameworks[:2]))
            if len(set(pair)) < 2:
                return None
            # who keeps each now counts when "now" is said, else who made them
            now = any(t.raw in self.claims.now for t in a.tokens)
            first, second = ((self._makers if now else self._first_makers)(f) for f in pair)
            return Reading("attribute", lang, frameworks=pair, attributes=("creators",),
                           claim="yes" if first & second else "no", source="context")
        if len(a.frameworks) != 2:
            return None
        toks = a.tokens
        at = [i for i, t in enumerate(toks) if t.raw in self.fw_words]
        if len(at) == 2 and at[0] <= 1 and 1 < at[1] - at[0] <= 4 and len(toks) - at[1] <= 3 and (
                between := {t.raw for t in toks[at[0] + 1:at[1]]}) <= IS_BETWEEN and (
                (between | {t.raw for t in toks[:at[0]]}) & IS_WORDS) and not a.has("compare") and (
                not self._redoes(*a.frameworks)):
            # (whatever follows: "... від плотлі" names the maker it is said to be from)
            return Reading("attribute", lang, frameworks=a.frameworks, attributes=("kind",),
                           claim="no", source="named")
        if any(f" {p} " in text for p in SAME_MAKER) and not set(a.needs) - {"small_team"}:
            # ("одна людина" is no team size here)
            first, second = (self._first_makers(f) for f in a.frameworks)
            return Reading("attribute", lang, frameworks=a.frameworks, attributes=("creators",),
                           claim="yes" if first & second else "no", source="named")
        if a.needs:
            return None
        if any(f" {p} " in text for p in SAME_THING) and not any(
                t.raw in self.claims.wh and t.raw not in AS_WORDS for t in a.tokens):
            return Reading("attribute", lang, frameworks=a.frameworks, attributes=("kind",),
                           claim="no", source="named")
        return None

    def _redoes(self, first: str, second: str) -> bool:
        """Whether one of two frameworks reimplements the other's API (facts ``api_of``)
        or is built on it (``built_on``): "quart is basically flask but async", "fastapi
        це старлет з пайдантиком" are then no false identity."""
        one, other = self.kb.frameworks[first], self.kb.frameworks[second]
        return any(x.facts is not None and (y.name in x.facts.api_of or y.name in x.facts.built_on)
                   for x, y in ((one, other), (other, one)))

    def _first_makers(self, fid: str) -> frozenset[str]:
        """The names of who first made a framework: the capitalised words of its
        creators fact before any "; today ..." ("Armin Ronacher", "FriendFeed")."""
        facts = self.kb.frameworks[fid].facts
        if facts is None:
            return frozenset()
        head = facts.creators.get("en", "").split(";")[0].split("(")[0]
        return frozenset(normalise(w.strip(".,:")) for w in head.split()
                         if w[:1].isupper() and len(w) >= 3) - GENERIC_MAKERS

    def _read_worth(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"чи варто вчити tornado в 2026?", "web2py для нового проекту варто брати?":
        whether a framework is worth learning or starting with now: how alive it is,
        then what it does well and where it is weak (no yes or no: that is the
        asker's call)."""
        toks = a.tokens
        if (len(a.frameworks) != 1 or not any(t.raw in WORTH_WORDS for t in toks)
                or set(a.needs) - {"beginner"} or a.tools or a.domains
                or set(a.attributes) - {"run", "use", "community", "year", "version"}
                or not (a.years or any(t.raw in LEARN_VERBS or t.lemma in LEARN_VERBS
                                       or t.raw in NEW_WORDS for t in toks))):
            return None
        return Reading("attribute", lang, frameworks=a.frameworks,
                       attributes=("community", "strengths", "weaknesses"), source="named")

    def _read_makers(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"bottle і flask — один проєкт від pallets?", "is quart part of Pallets like
        Flask?": a claim of who makes two or more frameworks, checked for each one
        (yes only when it holds for all), not a comparison of their cards."""
        said = {t.raw for t in a.tokens} & self.maker_words
        if not said and a.frameworks and not a.has("compare") and any(  # "фласк від
                # палетс?", "тога від біваре?" ("чим X відрізняється від Y" compares them)
                t.raw in BY_WORDS or t.raw in self.claims.made_forms for t in a.tokens):
            said = self._sounded_makers(a)  # a maker's Latin name said in Cyrillic
        if (not a.frameworks or not said
                or set(a.needs) - (self.maker_needs if len(a.frameworks) == 1 else set())
                or any(t.raw in self.claims.wh and t.raw not in LIKE_WORDS for t in a.tokens)
                or set(a.attributes) - MAKER_ASKED):
            return None
        if len(a.frameworks) == 1 and a.polar and not any(
                t.raw in self.claims.made_forms for t in a.tokens) and any(
                t.raw in BY_WORDS or t.raw in PROJECT_WORDS for t in a.tokens):
            # "flask by pallets?", "is flask a pallets project?", "фласк від палетс?":
            # whose it is now, so who keeps it counts as much as who made it
            return Reading("attribute", lang, frameworks=a.frameworks,
                           attributes=("creators",), source="named",
                           claim="yes" if said <= self._makers(a.frameworks[0]) else "no")
        if len(a.frameworks) == 1:
            # "стрімліт це від plotly?" asks who made it ("dash plotly" does not); a name
            # the creators fact tells of otherwise ("Tornado made by Facebook?": it
            # open-sourced FriendFeed's) is left to the reading of that fact
            fid = a.frameworks[0]
            if not (a.polar and "creators" in a.attributes) or (
                    said & self._makers(fid) and not said <= self._first_makers(fid)):
                return None
        holds = all(said <= self._makers(fid) for fid in a.frameworks)
        return Reading("attribute", lang, frameworks=a.frameworks, attributes=("creators",),
                       claim="yes" if holds else "no", source="named")

    def _read_which_of(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"Which of them ...?" picks among the frameworks of the last answer."""
        # (a concept that is a feature, "which of them has an ORM?", is what picks)
        # ("which of them is ASGI?": a server interface is the value asked of them)
        valued = {"wsgi", "asgi"} if "interface" in a.attributes else set()
        if "openapi" in a.attributes:  # ("документацію API": the API is what is documented)
            valued.add("api")
        if (len(a.frameworks) >= 2 and not a.attributes and (  # ("dash vs streamlit which
                # one reruns the whole script": a which-word after the names too)
                _opening(a) in WHICH_WORDS or any(t.raw in WHICH_WORDS for t in a.tokens)) and (
                not a.needs or (set(a.needs) <= {"batteries"}
                                and self.claims.says_builtin(a.tokens)))):
            # "which has csrf protection built in, django or flask?": each one's
            # declared fact of it, the one it holds for first
            picked = self._property_pick(a.frameworks, a)
            if picked is not None:
                return Reading("which", lang, frameworks=a.frameworks, source="named",
                               attributes=("property",), topic=picked)
        asked = [x for x in a.attributes if x != "use"]
        if (len(a.frameworks) >= 2 and len(asked) == 1 and asked[0] in FEATURE_SET
                and any(t.raw in WHICH_WORDS for t in a.tokens)):
            # "which of kivy and toga uses native widgets?": the one that has it, first
            # ("you mentioned them earlier": no comparison of their years)
            return self._make("which", a, lang, frameworks=a.frameworks, source="which",
                              attributes=tuple(asked))
        if len(a.frameworks) >= 2 or set(a.concepts) - FEATURE_SET - valued or not (
                a.has("which_of") or (_opening(a) in WHICH_WORDS and not a.filter_cue
                                      and not self._singular(a)) or self._of_them(a)):
            return None
        pool = self._which_pool(session, a)
        if not pool:
            return None
        base = self._base_asked(pool, a)
        if base is not None:  # "which of them is built on flask?": by their built_on facts
            return self._make("which", a, lang, frameworks=tuple(pool), source="which",
                              attributes=("built_on",), thing=base)
        if (len(a.frameworks) == 1 and a.frameworks[0] not in pool
                and any(t.raw in CLOSEST_WORDS or t.raw in SIMILAR_WORDS for t in a.tokens)):
            # "which of them is closest to Flask?": the one that redoes its API (Quart),
            # else one built on it (Dash)
            named = self.kb.frameworks[a.frameworks[0]].name
            facts = {f: self.kb.frameworks[f].facts for f in pool}
            like = [f for f, x in facts.items() if x is not None and named in x.api_of] or [
                f for f, x in facts.items() if x is not None and named in x.built_on]
            if like:
                return self._make("compare", a, lang, frameworks=(like[0], a.frameworks[0]),
                                  source="which", claim="like")
        if a.frameworks and a.frameworks[0] not in pool:
            return None
        if not a.attributes and (not a.needs or (  # "а в якого з них csrf з коробки?"
                set(a.needs) <= {"batteries"} and self.claims.says_builtin(a.tokens))):
            picked = self._property_pick(pool, a)
            if picked is not None:
                return Reading("which", lang, frameworks=tuple(pool), source="which",
                               attributes=("property",), topic=picked)
        said = {t.raw for t in a.tokens} | {t.lemma for t in a.tokens}
        platform = next((p for p, ws in self.claims.platforms.items() if said & ws), None)
        covered = {i for spans in a.spans.values() for s, e in spans for i in range(s, e)}
        words = tuple(sorted({w for i, t in enumerate(a.tokens) if i not in covered
                              and t.raw not in self.reader.function_words and len(t.raw) >= 2
                              and t.lemma not in STRUCTURE_WORDS and t.raw not in STRUCTURE_WORDS
                              for w in (t.raw, t.lemma)}))
        return self._make("which", a, lang, frameworks=tuple(pool), source="which",
                          attributes=a.attributes[:1], thing=platform, words=words,
                          on=self._comparison(a))

    def _read_which_again(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"а наймолодший?" after "який з них найстаріший?": the same frameworks, picked
        by the comparison the message names."""
        if a.frameworks or a.needs or a.attributes or len(a.tokens) > 6:
            return None
        of_them = _says_of_them(a.tokens)  # ("and the oldest of the three?" after their
        # makers)
        if len(a.tokens) > 3 and not of_them:
            return None
        on = self._comparison(a)  # (the message first: fwbot.recall)
        if on is None or (session.intent not in ("which", "compare") and not of_them):
            return None
        pool = self._which_pool(session, a)
        if not pool:
            return None
        return self._make("which", a, lang, frameworks=tuple(pool), source="which", on=on)

    def _property_pick(self, pool: Sequence[str], a: Analysis) -> str | None:
        """Which declared property of each framework in ``pool`` the message names,
        as ``"fid:index,..."``, when it names one of every one of them (each must
        say how it stands: one without the fact would be guessed)."""
        picked = []
        for fid in pool:
            facts = self.kb.frameworks[fid].facts
            props = facts.properties if facts else ()
            verdict, index = self.claims.property_found(a.tokens, [(w, h) for w, h, _ in props]) \
                if props else (None, -1)
            if verdict is None:
                return None
            picked.append(f"{fid}:{index}")
        return ",".join(picked)

    def _read_which_concept(self, session: Session, a: Analysis, lang: Lang,
                            ) -> Reading | None:
        """"Which of the two does FastAPI use?" after WSGI and ASGI were explained: the
        framework's attribute those concepts are values of (its server interface)."""
        if (len(a.frameworks) != 1 or a.concepts or set(a.attributes) - {"use"}
                or len(session.concepts) < 2):
            return None
        attr = next((x for x, words in self.attr_words.items()
                     if all(c in words for c in session.concepts)), None)
        if attr is None:
            return None
        return Reading("attribute", lang, frameworks=a.frameworks, attributes=(attr,),
                       source="named")

    def _of_them(self, a: Analysis) -> bool:
        """Whether "of them" picks one of the frameworks in view: "в якого з них є
        адмінка?", "а швидший з них який?" (a which-word in any case, or a comparison)."""
        toks = a.tokens
        if not _says_of_them(toks):
            return False
        # ("а швидший з них має документацію?" asks yes or no of the faster one)
        return any(t.lemma in WHICH_LEMMAS or t.raw in WHICH_LEMMAS for t in toks) or (
            not a.polar and self._comparison(a) is not None)

    def _which_pool(self, session: Session, a: Analysis | None = None) -> list[str]:
        """The frameworks "which of them" picks among: the last list, else the last two
        (the last three, when the message says three: "Django?" "FastAPI?" "and the
        oldest of the three?")."""
        n = 3 if a is not None and any(t.raw in THREE_WORDS for t in a.tokens) else 2
        pool = session.shown if len(session.shown) >= n else session.recent[:n]
        return list(pool) if len(pool) >= 2 else []

    def _base_asked(self, pool: Sequence[str], a: Analysis) -> str | None:
        """What "which of them is built on X / runs on X?" names as X: a base (facts'
        ``built_on``) of one of the frameworks in view that is none of them itself."""
        # (a framework named beside them is a base: "а котрий на фласку?")
        said = {t.raw for t in a.tokens} | {t.lemma for t in a.tokens} | {
            normalise(self.kb.frameworks[f].name) for f in a.frameworks if f not in pool}
        own = {normalise(self.kb.frameworks[f].name) for f in pool} | set(pool)
        base = next((b for f in pool for b in self._bases(f)
                     if normalise(b) in said and normalise(b) not in own), None)
        if base is None and (a.has("relation") or said & BUILT_WORDS):
            # a base none of them has ("which of them is built on Starlette?"): none is
            base = next((self.kb.frameworks[f].name for f in a.frameworks if f not in pool),
                        None) or next((self.kb.tools[t].name for t in a.tools), None)
        return base

    def _read_extreme(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"який найстаріший фреймворк?", "what's the newest framework in your list?": of
        every framework known, the first or last released, or the most popular ones (no
        project to advise on)."""
        on = self._comparison(a)
        if (on == "popular" and set(a.filters) == {"popular"} and not a.frameworks
                and not a.needs and not a.tools and not a.domains):
            # "який фреймворк найпопулярніший?": the ones with the largest communities,
            # no project to advise on
            return Reading("filter", lang, filters=a.filters)
        if (on not in ("older", "newer") or a.frameworks or a.needs or a.tools or a.domains
                or a.years or a.has("python") or not any(
                    t.raw in self.claims.wh or t.raw in WHICH_LEMMAS for t in a.tokens)):
            return None
        return Reading("which", lang, frameworks=tuple(self.kb.frameworks), source="all", on=on)

    def _read_compare(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        fws = list(a.frameworks)
        sides = tuple(x for x in ("strengths", "weaknesses") if x in a.attributes)
        if len(fws) >= 2 and sides and not a.needs:
            # "django vs flask pros and cons": each one's strong and weak points
            return Reading("attribute", lang, frameworks=a.frameworks, attributes=sides,
                           source="named")
        told = tuple(x for x in a.attributes if x in TOLD_EACH)
        if (len(fws) >= 2 and told and not set(a.needs) - {"both_interfaces"} and (
                # ("wsgi or asgi?" asks which; "FastAPI was made by the Flask team?" is a
                # claim)
                not self._polar(a) or any(t.raw in EITHER_WORDS for t in a.tokens))):
            # "flask vs fastapi: wsgi or asgi?", "flask vs fastapi licence": a fact of each,
            # which no ranking answers
            return Reading("attribute", lang, frameworks=a.frameworks, attributes=told,
                           source="named")
        if (len(fws) == 2 and a.polar and set(a.attributes) - {"use", "kind"}
                and a.tokens[0].raw in self.fw_words and any(t.raw in LIKE_WORDS
                                                             for t in a.tokens)):
            return None  # "Kivy uses native widgets, same as Toga?": a claim about Kivy
        if (len(fws) == 1 and a.has("fit") and session.recommendation is not None
                and _for_that(a)):
            return None  # "Would Tornado be OK for that?" after advice: that project's fit
        if not self._is_compare(a, fws, session):
            return None
        if not fws and a.concepts and self._singular(a) and "interface" in a.attributes:
            return None  # "is it ASGI or WSGI?": its interface, no two frameworks compared
        if len(fws) >= 2:
            targets = fws  # (the context is not read: fwbot.recall)
            if len(fws) == 2 and self._moves(a):
                targets = fws[::-1]  # "переходжу зі стрімліта на деш": the one moved to leads
        else:
            context = list(session.frameworks)
            if len(fws) == 1 and self._singular(a):
                context = context[:1]  # "is it faster than flask?": "it" and Flask
            elif not fws and any(t.raw in ORDINALS for t in a.tokens):
                about, source = self._context(session, a)
                if source == "ordinal":  # "а перший старший?": the first against the rest
                    context = _merge(list(about), list(session.shown))
            targets = _merge(context, fws)
        if (len(fws) == 1 and a.has("followup") and not a.has("compare")
                and not self._singular(a)):  # ("and is it faster than X?": "it" is the subject)
            targets = _merge(fws, targets)  # "and what about Tornado?": it comes first now
        source = "named" if len(fws) >= 2 else "context"
        if len(targets) < 2:  # "compare them" after two single questions
            targets = _merge(targets, session.recent)[:2]
        if len(targets) < 2 and a.has("pronoun"):  # "а яка між ними різниця?" after a pick
            targets = _merge(targets, session.shown)[:2]
        if len(targets) >= 2:
            on = self._comparison(a)
            either = any(t.raw in EITHER_WORDS for t in a.tokens[1:])  # "Flask чи FastAPI ...?"
            like = (not on and len(targets) == 2 and self._polar_only(a) and not either
                    and any(t.raw in SIMILAR_WORDS or t.lemma in SIMILAR_WORDS
                            for t in a.tokens))
            return self._make("compare", a, lang, frameworks=tuple(targets), source=source,
                              on=on, claim="polar" if on and self._polar_only(a) and not either
                              else "like" if like else None)
        return Reading("compare_one", lang, frameworks=tuple(targets[:1]), source=source)

    def _counterpart_in(self, a: Analysis) -> str | None:
        """The framework whose counterpart of another's feature the message asks for:
        with "аналог"/"замість"/"instead of" said, the one moved to ("на фастапі") or
        the one not moved from ("з фласка"); None otherwise."""
        if not any(t.raw in COUNTERPART_WORDS for t in a.tokens):
            return None
        toks = a.tokens
        for m in self.reader.names.find(toks):
            before = toks[m.start - 1].raw if m.start else ""
            if before in MOVE_TO:
                return m.payload
            if before in MOVE_FROM:
                others = [f for f in a.frameworks if f != m.payload]
                return others[0] if len(others) == 1 else None
        return None

    def _moves(self, a: Analysis) -> bool:
        """Whether the message moves from the first framework named to the second
        ("переходжу зі стрімліта на деш", "migrating from flask to fastapi")."""
        toks = a.tokens
        at = [m.start for m in self.reader.names.find(toks)]
        if len(at) < 2:
            return False
        first, second = at[0], at[-1]
        return (first > 0 and toks[first - 1].raw in MOVE_FROM and second > 0
                and toks[second - 1].raw in MOVE_TO)

    def _polar(self, a: Analysis) -> bool:
        """Whether the message asks yes or no, or states a claim about a framework to
        be checked ("flask is made by google", "django was created in 2005")."""
        if a.polar or self._states_claim(a):
            return True
        toks = a.tokens
        if len(toks) < 2 or not a.frameworks or toks[0].raw not in self.fw_words:
            return False
        if any(t.raw in self.claims.wh and not (  # "як фласк" is "like Flask", not "how"
                t.raw in LIKE_WORDS and (u.raw in self.fw_words or u.latin))  # "як requests"
               for t, u in pairwise(toks)) or (
                toks[-1].raw in self.claims.wh):
            return False
        # "flask is made by google"; typed on a phone: "фласк асинхронний"; a claim
        # word right after the name: "sanic синхронний як фласк, асинку там нема"
        c = self.claims
        # ("стрімліт вимагає знати html і js": what it is said to need, right after it)
        if len(toks) >= 3 and (toks[1].raw in c.need_words or toks[1].lemma in c.need_words):
            return True
        return (len(toks) >= 3 and toks[1].raw in c.copula) or (
            len(toks) <= 4 and bool(a.attributes)) or (bool(a.attributes) and (
                toks[1].raw in c.sync or toks[1].raw in c.dead or toks[1].raw in c.only))

    def _states_claim(self, a: Analysis) -> bool:
        """Whether a statement (no question mark) claims an attribute of a framework it
        names, with a "not"/"no"/"only" in it: "django doesnt have its own orm u need
        sqlalchemy", "в джанго нема міграцій треба alembic ставити". People post such a
        belief to have it confirmed or corrected; a description ("I need Flask without
        an ORM") names no attribute of the framework and is not one."""
        if a.polar or not a.frameworks or not a.attributes or (a.needs and not any(
                x in FEATURE_SET or x in ("async", "platforms") for x in a.attributes)):
            return False
        raws = [t.raw for t in a.tokens]
        if (any(r in self.claims.wh or r in FOR_WORDS for r in raws)
                or raws[0] in FIRST_PERSON):
            return False  # "flask without an orm for a small api" describes a project
        return any(r in STATEMENT_CLAIM for r in raws)

    def _why(self, a: Analysis) -> bool:
        """Whether the message asks why a named framework is so ("чому Flask
        асинхронний?"): its premise is a claim to check like a yes/no question's."""
        return bool(a.frameworks) and _opening(a) in WHY_WORDS

    def _polar_only(self, a: Analysis) -> bool:
        """A yes/no question with no wh-word anywhere ("flask vs django: which is
        easier?" asks which)."""
        return self._polar(a) and not any(
            t.raw in self.claims.wh for t in a.tokens)

    def words_of(self) -> dict[str, frozenset[str]]:
        """Every word (and lemma) of each framework's own texts, for "which of them
        is the Qt one"; built when first needed, not at start-up (lemmatising
        every description is start-up time few conversations use)."""
        if self._words_of is None:
            self._words_of = {fid: frozenset(w for lang in LANGS for text in (
                fw.summary[lang], fw.purpose[lang], fw.description[lang])
                for tok in tokenise(normalise(text)) for w in (tok.raw, tok.lemma))
                for fid, fw in self.kb.frameworks.items()}
        return self._words_of

    def _bases(self, fid: str) -> tuple[str, ...]:
        """What a framework is built on (its facts' ``built_on``)."""
        facts = self.kb.frameworks[fid].facts
        return facts.built_on if facts is not None else ()

    def _comparison(self, a: Analysis) -> str | None:
        """The comparison a message asks for ("faster", "older"), if any; hiring
        ("easier to hire for") is a question of how many use it, not how easy it is."""
        hits = [hit for t in a.tokens
                if (hit := self.comparison_words.get(t.raw) or self.comparison_words.get(t.lemma))]
        if any(t.raw in HIRE_WORDS for t in a.tokens) and "popular" in hits:
            return "popular"
        return hits[0] if hits else None

    def _read_fit(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if len(a.frameworks) == 1 and a.attributes and self._says_not(a) and not a.polar:
            # "джанго не підтримує async, тому для чату не годиться": the claim first
            clause = CLAUSE_END.split(a.text, maxsplit=1)
            first = self.reader.read(clause[0]) if clause[1:] else a
            if first.frameworks == a.frameworks and first.attributes:
                return self._read_attribute(session, first, lang)
            return None
        if (a.has("describe") and len(a.frameworks) == 1 and a.needs
                and set(a.needs) <= self.maker_needs and not a.polar):
            return None  # "розкажи про dash від plotly": Plotly is who makes it
        if "use" in a.attributes and self._only_for(a) and (a.polar or not a.has("recommend")):
            return None  # "is django only for websites?" claims all it is for
        if (len(a.frameworks) == 1 and not a.needs and not set(a.attributes) - {"use"}
                and (a.has("followup") or (a.has("fit") and _for_that(a)))
                and (previous := session.recommendation) is not None
                and session.intent in ("recommend", "explain", "fit") and previous.get("needs")
                and (not a.attributes or not a.has("followup"))):
            # "what about Django?" after a recommendation or "is flask good for a shop?":
            # how it fits the same needs ("Would Tornado be OK for that?")
            return self._make("fit", a, lang, frameworks=a.frameworks, source="named",
                              needs=previous["needs"])
        if (not a.frameworks and a.needs and a.has("followup")
                and any(t.raw in self.claims.wh for t in a.tokens)  # asks what, not
                and not self.claims.says_builtin(a.tokens)  # whether ("з коробки є?")
                and len(session.frameworks) == 1  # (the session last: fwbot.recall)
                and session.intent in ("attribute", "describe", "fit", "claim")
                and self._has_addon(session.frameworks[0], a.needs)):
            # "а для вебсокетів що треба?" after "джанго вміє async?": with Django, its
            # add-on for it (Channels)
            return self._make("fit", a, lang, frameworks=tuple(session.frameworks[:1]),
                              source="context")
        fws = self._moved_to(a)
        if (not fws and len(a.excluded) == 1 and not a.has("recommend") and "," not in a.text
                and not a.has("alternative") and self._denies_fit(a)
                and not any(n.startswith(UNWANTED) for n in a.needs)):
            # "в ботлі не можна робити api": the "not" after the name is the claim's,
            # no ruling out (nothing else is asked for)
            fws = list(a.excluded)
            a = replace(a, frameworks=a.excluded, excluded=())
        if self._is_fit(a, fws):
            if self._denies_fit(a):
                # "фласк не для продакшну", "django is not for small projects": whether
                # the claim holds is how well it fits what it is said not to be for
                return self._make("fit", a, lang, frameworks=tuple(fws[:1]), source="named",
                                  needs=tuple(n.removeprefix(UNWANTED) for n in a.needs),
                                  claim="denied")
            return self._make("fit", a, lang, frameworks=tuple(fws[:1]), source="named",
                              claim="can" if any(t.raw in CAN_WORDS for t in a.tokens)
                              else "else" if a.has("alternative") else None)
        if (not a.frameworks and a.needs and (a.has("pronoun") or a.has("followup"))
                and (a.has("fit") or self._polar(a)) and not self._which_framework(a)
                and (set(a.attributes) <= {"use"} or (  # "is it good for a shop with an admin?"
                    # "а його можна використати для мобільного застосунку?": what it is
                    # used for, where the platform is the thing built
                    a.has("recommend") and set(a.attributes) <= {"use", "platforms"}
                    and any(n in self.what_needs for n in a.needs)) or (
                    a.has("fit") and (not a.has("recommend") or (a.polar and self._singular(a)))
                    and set(a.attributes) - {"use"} <= FIT_ASKS))
                and session.frameworks
                and (a.has("pronoun") or (a.has("followup") and len(session.frameworks) == 1
                                          and (a.has("fit") or session.intent in (
                                              "describe", "attribute", "fit"))))):
            # "is it good for a shop?", "а для сайту?"
            about, source = self._context(session, a)
            if source == "ordinal" and any(t.raw in self.claims.wh for t in a.tokens):
                return None  # "а другий як тоді малює інтерфейс?" asks how, not whether
            return self._make("fit", a, lang, frameworks=about[:1], source=source)
        return None

    @staticmethod
    def _which_framework(a: Analysis) -> bool:
        """Whether the message asks which framework ("а в якому фреймворку є DI?"):
        a claim of none, whatever framework is in view."""
        return a.has("framework_word") and any(t.lemma in WHICH_LEMMAS for t in a.tokens)

    @staticmethod
    def _denies_fit(a: Analysis) -> bool:
        """Whether the message says the one framework named is not for what it names
        ("фласк не для продакшну", "scrapy isn't made for websites"): a "not" before a
        word saying what a thing is for, and every need negated by it or (out of its
        reach: "django is not good for a rest api") none."""
        unwanted = [n.startswith(UNWANTED) for n in a.needs]
        if not unwanted or (any(unwanted) and not all(unwanted)):
            return False
        toks = a.tokens
        return any(t.raw in DENY_SOLO or (t.raw in DENY_NOT and toks[i + 1].raw in DENY_FOR)
                   for i, t in enumerate(toks[:-1]))

    def _moved_to(self, a: Analysis) -> list[str]:
        """The frameworks named, less the one a project moves from ("у мене вже є
        flask проект, quart підійде?" asks how Quart fits): of two, the one the moving
        need's API rule does not hold for is where the code is now."""
        fws = list(a.frameworks)
        if len(fws) != 2:
            return fws
        moving = [self.kb.needs[n] for n in a.needs
                  if n in self.kb.needs and self.kb.needs[n].group == "from"]
        if not moving:
            return fws
        to = [f for f in fws if any(rule.weight > 0 and rule.condition.trait == "api_of"
                                    and rule.condition.holds(self.kb.frameworks[f])
                                    for need in moving for rule in need.rules)]
        return to if len(to) == 1 else fws

    def _read_criteria(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if a.has("criteria") and not a.frameworks and not (a.needs and a.has("recommend")) and (
                not a.has("recommend") or _opening(a) in self.claims.wh):
            return Reading("criteria", lang)  # "help me choose a framework" is the wizard
        return None

    def _read_framework_word(self, session: Session, a: Analysis, lang: Lang,
                             ) -> Reading | None:
        if (not a.frameworks and not a.needs and a.has("framework_word") and not a.filter_cue
                and not a.concepts  # "що таке мікрофреймворк?" asks the concept
                and not (a.has("recommend") and _opening(a) in WHICH_OPENERS)  # "which
                # framework should i use" asks for one; "навіщо потрібні фреймворки?" not
                and ("use" in a.attributes or a.has("describe"))):
            return Reading("python", lang, topic=self._topic(a))  # "what is a framework?"
        return None

    def _filter_reading(self, a: Analysis, lang: Lang) -> Reading:
        before = any(t.raw in self.before_words for t in a.tokens)
        return Reading("filter", lang, filters=a.filters, years=a.years[:1], before=before)

    def _read_filter_cue(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if a.attributes and a.has("pronoun") and session.frameworks and not a.filters:
            return None  # "а ліцензії в них які?" asks about the ones in view
        if a.filter_cue and not a.frameworks and (not a.has("recommend") or (
                a.filters and (not a.needs or a.has("framework_word")))):
            # (a project described and advice asked for, with no "frameworks" said, is no
            # list, whatever "всі" says in it: "... а я бачила всі замовлення в одному
            # місці. на чому робити?")
            if a.filters or a.years:
                return self._filter_reading(a, lang)
            if not a.needs:
                return Reading("list", lang)
        return None

    def _read_property(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """A claim about one framework that its declared ``properties`` settle
        ("стрімліт перезапускає весь скрипт на кожен клік?", "pyside6 це неофіційні
        біндінги?"): the verdict and the fact that says so."""
        if a.excluded and not a.frameworks and not a.polar:
            return None  # "і не стрімліт, не подобається як він перезапускає": ruled out
        target = self._counterpart_in(a) if len(a.frameworks) == 2 else None
        if target is not None:
            # "чи є у fastapi аналог блюпрінтів з фласка", "... переїжджаю на фастапі. шо
            # там замість них?": the feature of the one moved to, by its own fact
            fw = self.kb.frameworks[target]
            props = fw.facts.properties if fw.facts else ()
            verdict, index = self.claims.property_found(a.tokens, [(w, h) for w, h, _ in props])
            if verdict is not None:  # (yes when asked whether there is one and there is;
                # else the fact alone: its own feature may be missing, its counterpart not)
                return Reading("claim", lang, frameworks=(target,), source="named",
                               attributes=("property",), topic=str(index),
                               claim="yes" if a.polar and verdict == "yes" else "asks")
        head, mark, rest = a.text.partition("?")
        if len(a.frameworks) == 2 and mark and rest.strip():
            # "flask is not meant for production, right? my lead says we must rewrite in
            # django": the question is the claim, what follows it the context
            first = self.reader.read(head + mark)
            if len(first.frameworks) == 1:
                a = first
        elif (len(a.frameworks) == 1 and mark and rest.strip() and not a.polar
              and not self._claim_like(a)):
            # "kivy has its own language for layouts? what is it called": the yes/no
            # question asked first, whose fact names what the question after it asks
            first = self.reader.read(head + mark)
            if first.polar and first.frameworks == a.frameworks:
                a = first
        if len(a.frameworks) == 2 and (clause := CLAUSE_END.split(a.text, maxsplit=1))[1:]:
            # "flask can't scale, everyone on reddit says use django": the first clause
            # is the claim, the rest who says it
            first = self.reader.read(clause[0])
            if len(first.frameworks) == 1 and first.frameworks[0] == a.frameworks[0]:
                a = replace(first, polar=True) if a.polar else first
        pair = len(a.frameworks) == 2 and not any(t.raw in LIKE_WORDS for t in a.tokens)
        if pair:
            at = [i for i, t in enumerate(a.tokens) if t.raw in self.fw_words]
            if at and any(t.raw in EITHER_WORDS for t in a.tokens[at[0] + 1:at[-1]]):
                return None  # "quart or flask if ...?" is a choice between them
        # "what are blueprints in flask?": what one of its declared properties says
        asks = not a.polar and a.has("describe") and len(a.frameworks) == 1 and not a.attributes
        # "а що замість нього той самий автор зробив?": what its fact says (no verdict)
        held = (not a.frameworks and a.has("pronoun") and len(session.frameworks) == 1
                and session.wizard is None and not a.polar and not a.has("which_of")
                and not self._of_them(a)  # ("в якого з них ...?" picks among several)
                and not set(a.attributes) - {"creators", "history"} and self._asks_wh(a))
        # "як у ківі називається мова розмітки?", "що в джанго замість php artisan?": a
        # wh-question of the one named, about what one of its properties' words say
        # (the wh-word opens it: "як у Dash" inside a message is a likeness)
        asks = asks or held or (len(a.frameworks) == 1 and not a.polar and bool(a.tokens)
                                and self._opens_wh(a) and not a.concepts
                                and not set(a.attributes) - {"history"})
        if not asks and (not self._claim_like(a) or (a.has("recommend") and not a.polar and any(
                t.raw in PERSONAL for t in a.tokens)) or len(a.frameworks) > 2):
            return None  # (two named: the second only as a likeness, "як фласк", or in
            # the property's own words, "compatible with flask")
        if a.frameworks:
            about, source = a.frameworks[:1], "named"
        elif a.has("pronoun") and session.frameworks and a.polar and session.wizard is None:
            about, source = tuple(session.frameworks[:1]), "context"  # "а він js рендерить?"
        elif held:
            about, source = tuple(session.frameworks), "context"
        else:
            return None
        fw = self.kb.frameworks[about[0]]
        props = fw.facts.properties if fw.facts else ()
        if not props:
            return None
        if pair:  # only the properties whose own words name the second framework
            keep = self._naming(fw.id, a.frameworks[1])
            if not keep:
                return None
            verdict, found = self.claims.property_found(
                a.tokens, [(props[i][0], props[i][1]) for i in keep])
            index = keep[found] if verdict is not None else -1
        else:
            verdict, index = self.claims.property_found(a.tokens,
                                                        [(w, h) for w, h, _ in props])
        toks = a.tokens
        if verdict is None or (verdict == "yes" and any(
                t.raw in self.claims.only and not (i and toks[i - 1].raw in EITHER_WORDS)
                and not (i and toks[i - 1].raw in NOT_WORDS)  # ("not just url patterns")
                and not (i + 1 < len(toks) and toks[i + 1].raw in ONE_WORDS)
                for i, t in enumerate(toks))):
            return None  # ("only a client?" claims more than that it is one; "html or
            # only json?" leaves the first the claim; "just one file" is how many)
        if not asks and verdict == "yes" and any(
                t.lemma in ASK_WHICH and t.raw not in ("що", "what")
                and toks[i].raw in WH_PREPOSITIONS for i, t in enumerate(toks[1:])):
            # "pyside6 на якій версії Qt?": which, no yes or no (a "який" without its
            # preposition may be a relative clause's: "один файл, який можна ...")
            asks = True
        return Reading("claim", lang, frameworks=about, source=source,
                       attributes=("property",), claim="asks" if asks else verdict,
                       topic=str(index))

    def _naming(self, fid: str, other: str) -> tuple[int, ...]:
        """The indexes of ``fid``'s declared properties whose words name ``other``
        ("compatible with flask" for Quart), worked out once per pair."""
        key = (fid, other)
        if key not in self._pair_props:
            fw, second = self.kb.frameworks[fid], self.kb.frameworks[other]
            names = frozenset(normalise(n) for n in (second.id, second.name, *second.aliases)
                              if " " not in n)
            props = fw.facts.properties if fw.facts else ()
            self._pair_props[key] = tuple(
                i for i, (words, _, _) in enumerate(props)
                if any(normalise(w) in names for phrase in words for w in phrase.split()))
        return self._pair_props[key]

    def _in_view(self, session: Session, a: Analysis) -> tuple[str, ...]:
        """The one framework a follow-up naming none is about: "it" ("а він ...?"), or
        the only one in view after "and ..." ("а в браузері може працювати?")."""
        if a.frameworks or session.wizard is not None or not session.frameworks:
            return ()
        if any(t.raw in ORDINALS for t in a.tokens):  # "а в другого є http-клієнт?": the
            # second of the list last shown
            about, source = self._context(session, a)
            if source == "ordinal":
                return about
        if self._singular(a) or (a.has("pronoun") and len(session.frameworks) == 1):
            return tuple(session.frameworks[:1])
        if a.has("followup") and len(session.frameworks) == 1 and a.tokens[0].raw in OPENERS:
            return tuple(session.frameworks)
        return ()

    def _read_followup_claim(self, session: Session, a: Analysis, lang: Lang,
                             ) -> Reading | None:
        """A yes/no follow-up about the framework in view, naming none: a property it
        declares ("а в браузері може працювати?" after Textual) or the languages it
        needs ("а js треба знати?" after Dash)."""
        if not a.polar or a.tools or a.concepts or (a.has("recommend") and a.needs):
            return None
        if self._which_framework(a):
            return None  # "а в якому фреймворку є DI?" asks which has it, not whether it has
        about = self._in_view(session, a)
        if not about:
            return None
        spoken = self._language_claim(a, lang, about, "context")
        if spoken is not None:
            return spoken
        fw = self.kb.frameworks[about[0]]
        props = fw.facts.properties if fw.facts else ()
        if not props or not self._claim_like(a):
            return None
        verdict, index = self.claims.property_found(a.tokens, [(w, h) for w, h, _ in props])
        if verdict is None or (verdict == "yes" and any(
                t.raw in self.claims.only for t in a.tokens)):
            return None
        # ("а другий ще й клієнтом може бути?": the list shown stays for "а перший?")
        source = "ordinal" if any(t.raw in ORDINALS for t in a.tokens) else "context"
        return Reading("claim", lang, frameworks=about, source=source,
                       attributes=("property",), claim=verdict, topic=str(index))

    def _read_concept_claim(self, session: Session, a: Analysis, lang: Lang,
                            ) -> Reading | None:
        """A claim about a concept, asked or stated ("wsgi підтримує вебсокети", "can
        I use flask run in production?"): its verdict from the concept's properties,
        then what the concept is. A framework may be named when nothing of it is asked
        ("is docker required for django?") or inside the concept's own words ("flask
        run" is the development server)."""
        if a.has("recommend") and a.polar and a.concepts and not a.frameworks:
            # "asyncio треба окремо ставити через pip?": "треба" asks of the concept, no
            # advice, when one of its properties settles it (said of oneself, "do I need
            # to pip install asyncio?", one with a fact of its own)
            for cid in a.concepts:  # (the first whose property settles it: "pip install
                concept = self.kb.concepts[cid]  # asyncio" is said of asyncio)
                verdict, index = self.claims.property_found(a.tokens, concept.properties)
                if verdict is not None and (concept.properties[index][2] or not any(
                        t.raw in PERSONAL for t in a.tokens)):
                    return Reading("concept", lang, concepts=(concept.id,), claim=verdict,
                                   topic=str(index))
        if (a.has("recommend") and (a.polar or any(t.raw in PERSONAL for t in a.tokens))
                ) or not self._claim_like(a):
            return None  # (a need said with no one who wants it states a claim, as in
            # _read_property: "щоб задеплоїти flask обовязково потрібен docker")
        # A feature's word names its concept in a claim with no framework ("async makes
        # code faster?"), or one said before any framework ("async makes code faster,
        # so FastAPI beats Django": the claim is the concept's, the rest its conclusion).
        toks = a.tokens
        first = next((i for i, t in enumerate(toks) if t.raw in self.fw_words), len(toks))
        ids = a.concepts or tuple(c for c in a.attributes if c in self.kb.concepts)
        if not ids:
            return None
        concept = self.kb.concepts[ids[0]]
        if a.frameworks and first >= 2:
            verdict, index = self.claims.property_found(toks[:first], concept.properties)
            if verdict is not None:
                return Reading("concept", lang, concepts=(concept.id,), claim=verdict,
                               topic=str(index))
        if not a.concepts and a.frameworks:
            # "async в фастапі допоможе, якщо важкі обчислення на CPU?": a feature's
            # claim said of a framework is the concept's when its words settle it
            if a.attributes[:1] != (concept.id,) or not a.polar:
                return None
            verdict, index = self.claims.property_found(a.tokens, concept.properties)
            if verdict is None:
                return None
            return Reading("concept", lang, concepts=(concept.id,), claim=verdict,
                           topic=str(index), frameworks=a.frameworks[:1], source="named")
        if a.frameworks and set(a.attributes) - {"use"}:
            said = " ".join(t.raw for t in a.tokens)
            inside = [normalise(w) for ws in concept.words.values() for w in ws]
            if not all(any(fid in w.split() and w in said for w in inside)
                       for fid in a.frameworks):
                return None
        verdict, index = self.claims.property_found(a.tokens, concept.properties)
        if verdict is None and len(ids) > 1 and not a.frameworks:
            # "asgi це новий wsgi, тобто wsgi вже не працює": the claim is the one whose
            # property the words settle
            for other in ids[1:]:
                verdict, index = self.claims.property_found(
                    a.tokens, self.kb.concepts[other].properties)
                if verdict is not None:
                    concept = self.kb.concepts[other]
                    break
        if verdict is None:
            return None  # (the framework named stays in view: "docker required for flask?")
        return Reading("concept", lang, concepts=(concept.id,), claim=verdict,
                       topic=str(index), frameworks=a.frameworks[:1], source=(
                           "named" if a.frameworks else ""))

    def _read_user_of(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"На чому зроблений Інстаграм?", "what does Pinterest run on?": a well-known
        user of one framework named, and no framework: that framework's users."""
        said = {t.raw for t in a.tokens if len(t.raw) >= 5} - self.fw_words
        if (len(a.frameworks) == 1 and not a.tools and a.polar and not self._asks_wh(a)
                and "creators" not in a.attributes and said & self.user_names.keys()
                and not said & self._makers(a.frameworks[0])):
            # ("Tornado made by Facebook?", "is tornado from facebook?": a maker named is
            # who made it, not who uses it)
            # "Instagram is built on Django, true?": yes when it is one of its well-known
            # users (a company one framework names may use others too: no "no" from it)
            if a.frameworks[0] in {fid for w in said for fid in self.user_names.get(w, ())}:
                return Reading("attribute", lang, frameworks=a.frameworks,
                               attributes=("users",), source="named", claim="yes")
            return None
        if a.frameworks or a.tools or a.domains or a.needs or a.concepts or a.has(
                "python") or not (a.polar or self._asks_wh(a)):
            return None  # ("python was created by Microsoft?" is about Python)
        if not said & self.user_names.keys():
            return None
        users = {fid for w in said for fid in self.user_names.get(w, ())}
        if len(users) != 1:
            return None  # (a company two frameworks name is no answer to "which")
        return Reading("attribute", lang, frameworks=(users.pop(),), attributes=("users",),
                       source="named", claim="yes" if a.polar else None)

    def _read_framework_concept(self, session: Session, a: Analysis, lang: Lang,
                                ) -> Reading | None:
        """"What's a Deferred in Twisted?", "що таке middleware в джанго простими
        словами", "який патерн у джанго, mvc чи mtv?": a concept asked about in one
        framework, whose text says how that framework has it, is the concept; so is one
        asked of the framework in view ("does it still have its own event loop?")."""
        held = self._in_view(session, a) if not a.has("recommend") else ()
        if held and not set(a.needs) - set(a.concepts) - {"api", "async"} and not set(
                a.attributes) - {"use", "async", "history"}:
            # ("asyncio", "an async endpoint" set the question, they are no project's
            # needs; "call" is no question of what it was called)
            name = self.kb.frameworks[held[0]].name
            about = next((c for c in a.concepts if c not in FEATURE_SET
                          and name in self.kb.concepts[c].text["en"]), None)
            if about:
                return Reading("concept", lang, concepts=(about,), frameworks=held,
                               source="context")
        if not (len(a.frameworks) == 1 and self._asks_wh(a) and not a.has("recommend")
                and not self._why(a) and not set(a.attributes) - {"use", "history"} - (
                    set(a.concepts) - FEATURE_SET)
                and (not a.needs or a.has("describe")) and not a.domains):
            # ("orm in django" asks of Django's ORM: the attribute answers; "як тестувати
            # апі на фласку" is a job done with Flask, not what an API is)
            return None
        name = self.kb.frameworks[a.frameworks[0]].name
        about = next((c for c in a.concepts if name in self.kb.concepts[c].text["en"]
                      and c not in a.attributes), None)
        return Reading("concept", lang, concepts=(about,), frameworks=a.frameworks[:1],
                       source="named") if about else None

    def _read_concept(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if a.has("python") and a.polar and not a.has("describe"):
            return None  # "чи python це ооп мова?" is a claim about Python
        if len(a.concepts) >= 2 and not a.frameworks and a.has("compare") and len(a.tokens) > 3:
            if "interface" in a.attributes and self._in_view(session, a):
                return None  # "is it ASGI or WSGI?" after Starlette: its interface
            return Reading("concept", lang, concepts=a.concepts)  # "різниця між wsgi і asgi"
        if a.concepts and not a.frameworks and not a.has("recommend") and not (
                a.needs and not a.has("describe") and not a.has("explain")
                and not a.polar) and not any(
                n.startswith(UNWANTED) or (n in self.what_needs and not a.has("describe"))
                for n in a.needs) and (
                a.has("describe") or a.has("explain") or not session.frameworks
                # ("а щоб після ребуту сам піднімався?" after Flask: no framework's own)
                or (not a.attributes and set(a.concepts) <= self.general_concepts)):
            return Reading("concept", lang, concepts=a.concepts)  # "що таке WSGI?"
        return None

    def _claim_like(self, a: Analysis) -> bool:
        """Whether a message may state or ask a claim to check against a tool's or a
        concept's properties: a yes/no question, or a statement with no wh-word
        ("uvicorn це wsgi сервер", "a docker container is the same as a VM")."""
        if a.polar:
            return True
        toks = a.tokens
        return not any(t.raw in self.claims.wh and not (  # "як фласк" is "like Flask"
            t.raw in LIKE_WORDS and i + 1 < len(toks) and toks[i + 1].raw in self.fw_words)
            for i, t in enumerate(toks))

    def _read_recommend(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        fws = list(a.frameworks)
        if len(fws) == 1 and a.attributes and (head := self._head_wh(a)) is not None:
            # "яка ліцензія у Django? хочу продавати CRM": the question asked, the plan
            # after it is why
            return self._read_attribute(session, head, lang)
        if (not fws and a.has("framework_word") and (a.has("fit") or a.polar)
                and session.intent == "related" and (rec := session.recommendation) is not None
                and rec.get("domains")):
            # "а веб фреймворк для цього не підійде?" after a game: no, and its tools
            return Reading("related", lang, domains=tuple(rec["domains"]), claim="not")
        if (len(fws) == 1 and set(a.attributes) & FEATURE_SET and not a.has("fit") and (
                _opening(a) in self.claims.polar_start or (a.polar and (
                    self.claims.says_builtin(a.tokens) or not self._asks_wh(a)
                    or any(t.raw in HAVE_WORDS for t in a.tokens))) or (
                    # "в джанго нема орм, треба ставити sqlalchemy": a claim it lacks one
                    not self._asks_wh(a) and any(self._claims_absent(a, x)
                                                 for x in set(a.attributes) & FEATURE_SET))
                # "в джанго вебсокети з коробки, нічого ставити не треба": a belief stated
                or (self._states_claim(a) and self.claims.says_builtin(a.tokens)))):
            # "чи є в джанго адмінка, чи її треба ставити окремо?", "в джанго є вбудована
            # адмінка?": a yes/no question about Django's feature, not a need
            return None
        if len(fws) == 1 and "users" in a.attributes and not a.has("fit"):
            return None  # "яка велика компанія використовує django?": who uses it
        if len(fws) == 1 and (feats := set(a.attributes) & FEATURE_SET) and all(
                self.answers.has_feature(self.kb.frameworks[fws[0]], x) is False for x in feats
        ) and set(a.needs) <= {"batteries", self.from_needs.get(fws[0], "")}:
            # "what database should i use with fastapi?": what people add to it, not a
            # framework that has one built in
            return None
        if (not fws and not a.needs and session.frameworks and (
                set(a.attributes) - {"use"} or (a.attributes and a.has("pronoun")))):
            # "how do i install the one you recommended?", "what is it good for?": about it
            return None
        if len(fws) == 1 and self._asks_first(a):
            return None  # "в джанго є вебсокети з коробки? треба для нотифікацій": the
            # question, then what it is for
        moving = len(a.needs) >= 2 and not self._is_fit(a, fws) and any(
            n in self.kb.needs and self.kb.needs[n].group == "from"  # "an old Flask codebase"
            for n in a.needs)
        if self._is_recommend(a, fws) or moving or (
                not fws and a.has("python") and a.has("fit")
                and any(n in self.what_needs for n in a.needs)
                and not self.claims.concludes_against(a.tokens)) or (
                not fws and self._kept_code(session, a)):  # "the async version of it?"
            return self._recommendation(session, a, lang)
        return None

    def _kept_code(self, session: Session, a: Analysis) -> list[str]:
        """The need of keeping the code of the framework in view when the message says
        so ("треба async, але не переписувати все" after Flask: flask_api), or none."""
        if not a.has("keep_code"):
            return []
        about = a.frameworks or tuple(session.frameworks)
        return [self.from_needs[f] for f in about[:1] if f in self.from_needs]

    def _recommendation(self, session: Session, a: Analysis, lang: Lang) -> Reading:
        needs = _merge(list(a.needs), self._kept_code(session, a))
        if any(n in a.owned and n in self.what_needs for n in needs) and any(
                n not in a.owned and n in self.what_needs for n in needs):
            # "маю flask бекенд, хочу дашборд до нього": the backend is there, the
            # dashboard is what is built
            needs = [n for n in needs if not (n in a.owned and n in self.what_needs)]
        refined = False
        # (the message first, then the fields it needs: fwbot.recall)
        if a.frameworks:
            pass
        elif not needs:
            previous = session.recommendation
            if previous and previous.get("needs"):
                needs = list(previous["needs"])  # "а що тоді брати?": the same needs again
                refined = True
        elif (not a.has("recommend") and not a.has("framework_word")
                and session.intent in ("recommend", "explain", "fit")):
            previous = session.recommendation
            if previous:
                # "we are beginners" after a recommendation refines it: every answer
                # given so far counts, the newest wins where they disagree.
                needs = _refine(previous["needs"], needs)
                refined = True
        among = a.frameworks if len(a.frameworks) >= 2 else ()
        return self._make("recommend", a, lang, needs=needs, among=among, domains=a.domains,
                          tools=a.tools, source="recommendation" if refined else "")

    def _read_filter(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if (a.filters or (a.years and (a.has("framework_word") or any(
                t.raw in YEAR_CUES or t.raw in self.before_words for t in a.tokens))))\
                and not a.frameworks and not a.attributes and not a.needs:
            return self._filter_reading(a, lang)  # ("що вчити в 2026?" filters no years)
        return None

    def _read_list(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if not a.has("list") or a.frameworks:
            return None
        if a.needs and not all(n.startswith(UNWANTED) for n in a.needs):
            # "Is there a Rails for Python?", "які фреймворки є для API?": those for it
            return self._recommendation(session, a, lang)
        return Reading("list", lang)

    def _read_python_fit(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        """"Is Python good for web backends?": yes, for what its frameworks are built
        for (websites, APIs, scraping, dashboards, networking), and what it is used for."""
        if (a.frameworks or a.tools or a.domains or not a.needs or not a.polar
                or self.claims.python(a.tokens, a.years, False)[0] is not None):
            return None  # ("is python too slow for the web?" claims what the facts settle)
        wanted = [n.removeprefix(UNWANTED) for n in a.needs]
        if (all(n in self.what_needs for n in wanted)
                and any(t.raw in self.claims.deny for t in a.tokens)
                and any(t.raw in self.reader.hearsay or t.raw in self.claims.tags
                        for t in a.tokens)):
            # "кажуть, на пітоні не можна зробити мобільний додаток, це правда?": no,
            # and what it is done with
            return Reading("recommend", lang, needs=tuple(wanted), claim="no")
        if _opening(a) not in self.claims.polar_start:
            return None
        if set(a.needs) <= {"beginner"} and "easy" in self.python_facts:
            return Reading("python", lang, topic="easy", claim="yes")  # "for beginners?"
        if not set(a.needs) <= PYTHON_SERVES:
            return None
        return Reading("python", lang, topic="uses", claim="yes")

    def _read_python(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if a.frameworks:
            return None
        if a.has("python") and a.needs and not a.python_topics:
            return None  # "що в пайтоні як ларавель?": Python is where the need is met
        if "learn" in a.python_topics and any(n in self.what_needs for n in a.needs):
            return None  # "з чого почати вивчати веб на пайтоні?": a framework to learn it with
        if a.has("python") or (set(a.python_topics) & self.alone_facts and (
                not a.needs or self.claims.python(a.tokens, (), False)[0] is not None)):
            # ("async обходить GIL, я правий?": async is what the claim says of the GIL)
            return self._python_reading(a, lang)
        return None

    def _python_reading(self, a: Analysis, lang: Lang) -> Reading:
        """A question about Python; a yes/no one's claim ("python was created by
        Microsoft?") is checked, and the fact that settles it is the topic."""
        topic = self._topic(a)
        if not a.polar and self._asks_wh(a):
            return Reading("python", lang, topic=topic)
        # ("python 2 чи 3 вчити в 2026?": a year said of now claims no date of its making)
        dated = any(t.raw in self.claims.made_forms or t.raw in YEAR_CUES
                    or t.raw in YEAR_WORDS for t in a.tokens)
        verdict, fact = self.claims.python(a.tokens, a.years if dated else (),
                                           "creators" in a.attributes)
        if verdict is None or fact not in self.python_facts:
            return Reading("python", lang, topic=topic)
        return Reading("python", lang, topic=fact, claim=verdict)

    def _read_attribute(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if not a.attributes or not (a.frameworks or session.frameworks or session.shown):
            return None
        if not a.polar and (head := self._head_question(a)) is not None:
            # "streamlit is open source, right? not just a paid cloud": the question is
            # the claim, what follows it the asker's worry
            a = head
        targets, source = (a.frameworks, "named") if a.frameworks else self._context(session, a)
        if not targets:
            return None  # (a list was shown, but no "the first one" picks from it)
        if source == "context" and not a.polar and any(
                n in self.what_needs for n in a.needs) and any(
                n.startswith(UNWANTED) for n in a.needs):
            return None  # "ні, краще десктоп зроблю замість апі": a new plan, no attribute
        if (source == "context" and a.needs and not a.has("pronoun")
                and any(t.raw in SOMETHING_WORDS for t in a.tokens)):
            return None  # "а є щось взагалі без залежностей?": another one, not it
        attr = self._main_attribute(a)
        if (attr in ("version", "year") and source == "context" and not a.years
                and session.attribute not in (None, "version", "year")
                and any(t.raw in SINCE_WORDS for t in a.tokens)):
            # "з якої версії?" after "Django has async views?": since when that holds,
            # which the last attribute's own text says ("з версії 3.1")
            attr = str(session.attribute)
            return Reading("attribute", lang, frameworks=targets, attributes=(attr,),
                           source=source)
        if (attr == "year" and not a.years and len(a.attributes) > 1
                and a.tokens[0].raw in PREMISE_WORDS):
            attr = self._main_attribute(a, skip="year")  # "since Django is ..." is no date
        if attr == "year" and "creators" in a.attributes and not a.years:
            attr = "creators"  # "created by Armin Ronacher?" asks who, not when
        first = self.kb.frameworks[targets[0]]
        named_maker = False  # (a maker named with "..., right?" mid-message is a claim)
        if (attr == "year" and not a.years and source == "named" and first.facts is not None
                and (self._polar(a) or any(t.raw in self.claims.tags for t in a.tokens))):
            makers = {t.raw for t in tokenise(normalise(" ".join(first.facts.creators.values())))
                      if len(t.raw) >= 4} - self.fw_words
            if makers & {t.raw for t in a.tokens}:
                attr = "creators"  # "tornado came out of friendfeed?" names its maker, no date
                named_maker = True
        # "Which version of FastAPI added WSGI?", "how do I make Flask async from the
        # ground up?": a wh-question taking a server interface or async from the start
        # for granted is checked as a why-question's premise is.
        why = self._why(a) or (not a.polar and (
            (attr == "interface" and any(t.raw in ("wsgi", "asgi") for t in a.tokens))
            or (attr == "async" and self.claims.from_the_start(a.tokens))))
        if (attr == "creators" and source == "named" and first.facts is not None
                and not self._asks_wh(a) and not any(t.raw in PERSONAL for t in a.tokens)):
            makers = {t.raw for t in tokenise(normalise(" ".join(first.facts.creators.values())))
                      if len(t.raw) >= 4} - self.fw_words - self.known_words
            # "торнадо спочатку зробили у friendfeed": a statement naming its maker is a claim
            named_maker = named_maker or bool(makers & {t.raw for t in a.tokens})
        polar = self._polar(a) or why or named_maker or (
            # "джанго назвали на честь гітариста": a statement of where a name came from
            attr == "history" and source == "named" and not self._asks_wh(a)) or (
            # "в джанго нема міграцій, треба alembic ставити": a statement that a named
            # framework lacks a feature is a claim to check, question mark or not
            attr in FEATURE_SET and source == "named" and not self._asks_wh(a)
            and (self._claims_absent(a, attr) or self._says_not(a)))
        verdict = self.claims.verdict(first, attr, a.tokens, a.years, lang) if polar else None
        if attr == "async" and verdict == "partly" and any(
                self.kb.frameworks[f].traits.async_ == "yes" for f in self._likened_names(a)):
            verdict = "no"  # "фласк же асинхронний як фастапі?": partly, not as FastAPI is
        if why and verdict == "yes":
            verdict = None  # a true premise needs no "yes": the fact answers the why
        raws = {t.raw for t in a.tokens}
        if attr == "interface" and {"wsgi", "asgi"} <= raws and raws & EITHER_WORDS:
            verdict = None  # "Is FastAPI WSGI or ASGI?" asks which
            toks = a.tokens
            cut = next((i for i, t in enumerate(toks) if t.raw in EITHER_WORDS), 0)
            if cut and cut + 1 < len(toks) and toks[cut + 1].raw in self.claims.only:
                # "does falcon support asgi now or only wsgi?": the claim is before "or"
                verdict = self.claims.verdict(first, "interface", toks[:cut], a.years, lang)
        if attr == "creators" and polar and source == "named" and len(targets) == 2:
            # "Quart зробила команда Django?": the other framework is the claimed maker
            made = normalise(" ".join(first.facts.creators.values() if first.facts else ()))
            other = self.kb.frameworks[targets[1]]
            verdict = "yes" if normalise(other.name) in made.split() else "no"
            targets = targets[:1]
        premise: tuple[str, ...] = ()
        if (not polar and attr in ("year", "creators") and raws & self.claims.made_forms
                and raws & self.claims.companies
                and self.claims.verdict(first, "creators", a.tokens, a.years, lang) == "no"):
            # "When did Google release Tornado?": the maker it takes for granted is wrong
            if attr == "creators":
                verdict = "no"
            else:
                premise = (first.id, "creators", "no")
        if attr == "stdlib_only" and polar and not any(
                t.raw in NONE_WORDS or t.raw in self.claims.only for t in a.tokens
        ) and not any((t.raw, u.raw) in FREE_OF for t, u in pairwise(a.tokens)
                      ) and not self._says_not(a):  # ("bottle не має залежностей?" denies them)
            verdict = "absent"  # "has dependencies?", "needs anything besides the stdlib?"
        elif attr == "stdlib_only" and polar:
            # "has no deps outside the standard library?": the denial is the claim itself
            verdict = "yes" if first.trait("stdlib_only") else "no"
        elif attr == "stdlib_only":
            verdict = "stated"  # "скільки залежностей тягне фласк?" asks what, not whether
        elif attr in FEATURE_SET and any(
                t.raw in HOW_WORDS and any(u.raw in ADD_VERBS or u.lemma in ADD_VERBS
                                           for u in a.tokens[i + 1:i + 4])
                for i, t in enumerate(a.tokens)):
            verdict = "stated"  # "how do I add an admin to Flask?": how, no "No" first
        elif (polar and attr in FEATURE_SET and self.answers.has_feature(first, attr) is False
              and any(t.raw in ADD_VERBS or t.lemma in ADD_VERBS for t in a.tokens)):
            verdict = "absent"  # "can I add an admin to Flask?": yes, with an extension
        users = first.facts.users if first.facts else None
        if polar and users and attr in ("use", "users", "community"):
            named = ({t.raw for t in a.tokens if len(t.raw) >= 4} - self.fw_words
                     - self.reader.function_words.keys())  # ("його" names no user)
            if named & {t.raw for t in tokenise(normalise(" ".join(users.values())))}:
                attr, verdict = "users", "yes"  # "Does Instagram use Django?"
        if (attr in FEATURE_SET and polar and verdict is None
                and self._default_is_other(first, attr, a)):
            verdict = "other"  # "django uses jinja2 by default?": no, its own language
        if attr in ("run", "history") and polar and verdict is None:
            verdict = self._told(first, attr, a)  # "джанго назвали на честь гітариста?"
        if (attr == "history" and polar and verdict is None and first.facts is not None
                and first.facts.history and any(t.raw in OTHER_NAME for t in a.tokens)):
            # "а раніше воно якось інакше називалось?": yes when its history says it was
            # renamed (Litestar, Pyramid); otherwise the history says what it knows
            told = " ".join(first.facts.history.values()).casefold()
            if any(w in told for w in RENAMED):
                verdict = "yes"
        if attr == "use" and polar and verdict is None:
            verdict = self._use_verdict(first, a)  # "Streamlit тільки для вебсайтів?"
        if polar and attr not in ("platforms", "async", "stdlib_only") and self._says_not(a):
            # (a denied platform or async is the claim's own: fwbot.claims; a denied
            # dependency is stdlib_only's) "Sanic не підтримує websockets?": the claim is
            # its lack
            if attr in FEATURE_SET:
                verdict = "absent"
            elif verdict in ("yes", "no"):
                verdict = "no" if verdict == "yes" else "yes"
        if (polar and attr in FEATURE_SET and attr != "stdlib_only" and self._claims_absent(a, attr)
                and not any(t.raw in CAN_WORDS for t in a.tokens)):  # "can I ... without X?"
            verdict = "absent"  # "web2py has no database layer?": the claim is that it lacks it
        # (a yes/no question and a wh-question: "чи є в ньому адмінка і яка ліцензія?")
        both = self._two_asked(a)
        if both is not None and (verdict is not None or polar) and both[0] != attr:
            both = None
        if {"strengths", "weaknesses"} <= set(a.attributes) and verdict is None:
            both = ("strengths", "weaknesses")  # "pros and cons of litestar": both sides
        if (attr in FEATURE_SET and verdict is None and not polar and both is None
                and a.tokens[0].raw in self.claims.wh and a.tokens[0].raw in ASK_WHICH
                and not any(t.raw in HAVE_WORDS for t in a.tokens[1:])):
            verdict = "asks"  # "what database does django use?": the fact, with no yes
        return Reading("attribute", lang, frameworks=targets, attributes=both or (attr,),
                       claim=verdict, source=source, premise=premise)

    def _asks_first(self, a: Analysis) -> bool:
        """Whether the message opens with a yes/no question about its one framework's
        attribute, and only says more after the question mark ("..., треба для
        нотифікацій"): what follows names no other framework."""
        head, mark, rest = a.text.partition("?")
        if not mark or not rest.strip():
            return False
        first = self.reader.read(head + mark)
        return (first.polar and first.frameworks == a.frameworks and bool(first.attributes)
                and not self.reader.read(rest).frameworks)

    def _head_question(self, a: Analysis) -> Analysis | None:
        """The yes/no question a message opens with, when words follow its mark
        that name nothing more (no framework, attribute or need of their own)."""
        split = self._split_question(a)
        if split is None:
            return None
        first, after = split
        if (first.polar and first.frameworks == a.frameworks and first.attributes
                and not (after.frameworks or after.needs)
                and set(after.attributes) <= set(first.attributes)):
            return first
        return None

    def _split_question(self, a: Analysis) -> tuple[Analysis, Analysis] | None:
        """The question a message opens with and the words after its mark, each read,
        or None when no words follow a question mark."""
        head, mark, rest = a.text.partition("?")
        if not mark or not rest.strip():
            return None
        return self.reader.read(head + mark), self.reader.read(rest)

    def _head_wh(self, a: Analysis) -> Analysis | None:
        """The wh-question about one named framework's attribute a message opens with,
        when what follows names no framework or attribute of its own (a plan: "хочу
        продавати CRM")."""
        split = self._split_question(a)
        if split is None:
            return None
        first, after = split
        if (not first.polar and first.frameworks == a.frameworks and first.attributes
                and not first.needs and self._asks_wh(first)
                and not after.frameworks and set(after.attributes) <= set(first.attributes)):
            return first  # ("продавати" asks of the licence too)
        return None

    def _two_asked(self, a: Analysis) -> tuple[str, str] | None:
        """The attributes of two questions joined by "and", when they differ: "хто
        створив джанго і коли?" (who, and the year), "яка ліцензія у streamlit і яка
        компанія його купила?" (the licence, and who bought it)."""
        toks = a.tokens
        wh = self.claims.wh
        at = next((i for i in range(1, len(toks) - 1) if toks[i].raw in AND_WORDS and (
            toks[i + 1].raw in wh or toks[i + 1].lemma in wh
            # ("і під якою він ліцензією?": the wh-word after its preposition)
            or (toks[i + 1].raw in WH_PREPOSITIONS and i + 2 < len(toks)
                and (toks[i + 2].raw in wh or toks[i + 2].lemma in wh)))), None)
        if at is None:
            return None
        inside = {i for s, e in a.spans.get("pronoun", ()) for i in range(s, e)}
        # ("і хто його зробив?": the phrase read without the pronoun inside it)
        b = self.reader.read(" ".join(t.raw for i, t in enumerate(toks)
                                      if i > at and i not in inside))
        if not b.attributes or b.needs or set(b.frameworks) - set(a.frameworks):
            return None
        head = self.reader.read(" ".join(t.raw for t in toks[:at]))
        if not head.attributes:
            return None
        first, other = self._main_attribute(head), self._main_attribute(b)
        return (first, other) if other != first else None

    def _base_claim(self, fw: Framework, a: Analysis) -> str | None:
        """Whether a yes/no question's claim of what ``fw`` is built on holds, when it
        names a base library right after "on"/"на" ("built on asyncio?", "на asyncio,
        а не на twisted?"); None when the framework's bases are not known or the
        message names none. A base said with "not" is claimed absent."""
        bases = {normalise(b) for b in (fw.facts.built_on if fw.facts else ())}
        if not bases:
            return None
        claimed: set[str] = set()
        denied: set[str] = set()
        toks = a.tokens
        for i, t in enumerate(toks):
            if t.raw in self.base_words and t.raw not in (fw.id, normalise(fw.name)) and any(
                    u.raw in ON_WORDS for u in toks[max(0, i - 2):i]):
                (denied if any(u.raw in NOT_WORDS for u in toks[max(0, i - 3):i])
                 else claimed).add(t.raw)
        if not claimed:
            return None
        return "yes" if claimed <= bases and not denied & bases else "no"

    def _asks_base(self, a: Analysis) -> bool:
        """Whether the message asks what a framework is built on: "what" or "на
        чому/чім" with no base named ("which of them is built on Flask?" names one
        and picks among them)."""
        raws = [t.raw for t in a.tokens]
        if any(r in self.base_words and r not in a.frameworks for r in raws) or (
                len(a.frameworks) > 1):
            return False
        return bool({"what", "whats", "what's", "which", "який", "яка", "якої", "якому",
                     "якій", "яких"} & set(raws)) or any(
            (r == "на" and u in ("чому", "чім", "чем")) or (r in ("з", "із") and u == "чого")
            for r, u in pairwise(raws))

    def _opens_wh(self, a: Analysis) -> bool:
        """Whether a wh-word opens the message, after its preposition if it has one
        ("як у ківі ...?", "на чому Dash малює графіки?")."""
        toks, wh = a.tokens, self.claims.wh
        return bool(toks) and (toks[0].raw in wh or (
            len(toks) > 1 and toks[0].raw in WH_PREPOSITIONS
            and (toks[1].raw in wh or toks[1].lemma in wh)))

    def _asks_wh(self, a: Analysis) -> bool:
        """Whether a wh-word ("how", "як", "чому") is anywhere in the message."""
        return any(t.raw in self.claims.wh for t in a.tokens)

    def _use_verdict(self, fw: Framework, a: Analysis) -> str | None:
        """Whether what a yes/no question says a framework is for holds: the things
        built it names (needs that are uses: websites, APIs, GUIs, ...) against its
        uses; "only" claims those and nothing else."""
        uses = set(fw.traits.uses)
        only = any(t.raw in self.claims.only or t.lemma in self.claims.only for t in a.tokens)
        if only and len(parts := CLAUSE_END.split(a.text, maxsplit=1)) > 1:
            # "ківі тільки для десктопу, на мобілки не годиться": the claim of all it is
            # for is its first clause; the rest says what it is then not for
            a = self.reader.read(parts[0])
        claimed = {n for n in a.needs if n in self.use_ids}
        if not claimed:
            # "fastapi is only for ML model serving?": a job outside its uses, and never
            # all it is for
            return "no" if only and a.domains else None
        if only:  # (prototypes and real time are no other job than a site's or an API's)
            facets = {"prototype", "realtime"} if claimed & {"web", "api"} else {"prototype"}
            return "yes" if uses <= claimed | facets else "no"
        return "yes" if claimed <= uses else "no"

    def _default_is_other(self, fw: Framework, attr: str, a: Analysis) -> bool:
        """Whether a claim that a feature comes by default as a named thing is wrong:
        the feature's note names it only after its default ("the Django Template
        Language; Jinja2 can be used too" for "django uses jinja2 by default?")."""
        note = fw.facts.notes.get(attr) if fw.facts else None
        if not note or not any(t.raw in DEFAULT_WORDS or t.lemma in DEFAULT_WORDS
                               for t in a.tokens):
            return False
        text = note.get("en", "")

        def names(part: str) -> set[str]:  # the capitalised words: what it is done with
            return {normalise(w.strip(".,()")) for w in part.split() if w[:1].isupper()}
        # The default is the clause that says so ("SQLite by default"), else what the
        # note names before the others ("the Django Template Language; Jinja2 too").
        clause = next((c for c in re.split(r"[;,]", text) if "default" in c), None)
        if clause is None:
            first, _, rest = text.partition(";")
            if not rest:
                return False
            clause = first
        words = {t.raw for t in a.tokens if len(t.raw) >= 5} - self.fw_words
        default = names(clause) - self.asking_words.get(attr, frozenset())  # ("Template")

        def named(among: set[str]) -> bool:  # "postgres" names PostgreSQL
            return any(n.startswith(w) or w.startswith(n) for w in words for n in among)
        return named(names(text) - names(clause)) and not named(default)

    def _told(self, fw: Framework, attr: str, a: Analysis) -> str | None:
        """Yes when a claim's own words are in the fact asked ("was Litestar called
        Starlite?", "tornado came from friendfeed?"); None otherwise, since a fact
        that does not mention a word does not make it false. Words the vocabulary
        knows and names of frameworks do not count; an old name of this one does."""
        text = getattr(fw.facts, attr, None) if fw.facts else None
        if not text:
            return None
        told = {w for t in tokenise(normalise(" ".join(text.values()))) for w in (t.raw, t.lemma)}
        old_names = {normalise(x) for x in fw.aliases if x.isascii()} - {fw.id}
        asking = self.asking_words.get(attr, frozenset())
        said = {w for t in a.tokens for w in (t.raw, t.lemma) if len(w) >= 4
                and (w in old_names or (w not in self.fw_words and t.raw not in self.claims.ordinary
                                        and t.lemma not in self.claims.ordinary
                                        and t.raw not in asking))}
        if said & told:
            return "yes"
        # a Latin name of the fact written in Cyrillic: "стрімліт купив сноуфлейк?"
        keys = {k for w in told if w.isascii() and len(w) >= 4 and w[:1].isalpha()
                for k in latin_keys(w)}
        if any(t.cyrillic and not is_known(t.raw) and not keys.isdisjoint(
                cyrillic_keys(t.raw)) for t in a.tokens if t.raw in said):
            return "yes"
        # "Стрімліт купив Google?": a company the fact does not name, where it names who
        # was behind it, is the wrong one
        named = {t.raw for t in a.tokens} & self.claims.companies
        return "no" if named and not named & told and told & self.claims.companies else None

    def _main_attribute(self, a: Analysis, skip: str = "") -> str:
        """The attribute a message asks about: a built-in feature before the docs
        ("автоматична документація" is OpenAPI), anything before its use. Of several
        features a yes/no question claims, one the framework lacks decides ("made for
        APIs with validation and OpenAPI docs?" is no: no OpenAPI)."""
        attrs = tuple(x for x in a.attributes if x != skip) or a.attributes
        if attrs == ("users",) and any(t.lemma in MAINTAIN_VERBS or t.raw in MAINTAIN_VERBS
                                       for t in a.tokens):
            return "creators"  # "яка компанія зараз підтримує scrapy?": who is behind it
        if len(attrs) == 1:
            return attrs[0]
        if "interface" in attrs and "use" in attrs:
            return "interface"  # "фалкон тільки для wsgi?": only that interface
        if "use" in attrs and self._only_for(a):
            # "django only for sites with templates?": what it is for; "ківі тільки для
            # десктопу?": where it runs
            return "platforms" if "platforms" in attrs and self._only_on_platform(a) else "use"
        if "community" in attrs and any(t.raw in self.claims.dead or t.lemma in self.claims.dead
                                        for t in a.tokens):
            return "community"  # "is tornado dead? nobody maintains it": whether it lives
        if "community" in attrs and any(t.raw in SUPPORT_WORDS for t in a.tokens):
            attrs = tuple(x for x in attrs if x != "community")  # "нативну підтримку
            # async": support for a feature, no community
            if len(attrs) == 1:
                return attrs[0]
        if "interface" in attrs:
            return "interface"  # "працює на WSGI?" names the interface, not a platform
        if ("async" in attrs and "orm" in attrs and len(attrs) == 2 and len(a.frameworks) == 1
                and self.answers.has_feature(self.kb.frameworks[a.frameworks[0]], "orm")):
            return "async"  # "is the django orm async?": how far its async reaches (the ORM)
        if "run" in attrs and "platforms" in attrs and a.polar:
            return "platforms"  # "чи може kivy збирати апки під андроїд?": whether it can
        if "run" in attrs and "dev_server" in attrs and a.polar and not any(
                t.raw in PORT_WORDS for t in a.tokens):
            return "dev_server"  # "фласк має свій дев сервер щоб локально запустити?"
        if "run" in attrs and any(t.raw in PORT_WORDS for t in a.tokens):
            return "run"  # "what port does the flask dev server use by default?"
        if "run" in attrs and set(attrs) <= {"run", "dev_server", "creators", "year", "use",
                                             "history"}:
            return "run"  # "default port of the dev server?", "як створити новий проект"
        features = [x for x in attrs if x in FEATURE_SET]
        if len(features) > 1 and a.frameworks and a.polar:
            fw = self.kb.frameworks[a.frameworks[0]]
            lacking = [x for x in features if self.answers.has_feature(fw, x) is False]
            known = [x for x in features if self.answers.has_feature(fw, x) is not None]
            return (lacking or known or features)[0]
        if features:
            return features[0]
        if "creators" in attrs and "community" in attrs and "year" not in attrs:
            return "creators"  # "maintained by Pallets?" asks who, not how active
        if "users" in attrs and (set(attrs) & {"creators", "history"} or any(
                t.lemma in MAINTAIN_VERBS or t.raw in MAINTAIN_VERBS for t in a.tokens)):
            # "яка компанія його купила?", "яка компанія зараз підтримує scrapy?": the
            # company behind it, not the companies that use it
            return next((x for x in attrs if x in ("history", "creators")), "creators")
        rest = [x for x in attrs if x != "use"]
        return rest[0] if rest else attrs[0]

    def _only_on_platform(self, a: Analysis) -> bool:
        """Whether what a framework is said to be "only for" is a platform ("тільки
        для десктопу", "only for desktop")."""
        toks = a.tokens
        every = self.claims.platform_words
        return any(t.raw in self.claims.only and u.raw in ("for", "для")
                   and i + 2 < len(toks)
                   and (toks[i + 2].raw in every or toks[i + 2].lemma in every)
                   for i, (t, u) in enumerate(pairwise(toks)))

    def _only_for(self, a: Analysis) -> bool:
        """Whether the message says a framework is "only for" something ("тільки
        для сайтів"): a claim of all it is for, checked against its uses."""
        toks = a.tokens  # (the framework before it: "I only need it for a blog" is no claim)
        return any(t.raw in self.claims.only and u.raw in ("for", "для")
                   and any(w.raw in self.fw_words for w in toks[max(0, i - 3):i])
                   for i, (t, u) in enumerate(pairwise(toks)))

    def _says_not(self, a: Analysis) -> bool:
        """Whether a statement denies its verb ("Sanic не підтримує async?", "FastAPI
        doesn't validate data?"): a negation after the framework's name, right before
        a verb. "Doesn't Django have an ORM?" opens with it and asks plainly."""
        toks = a.tokens
        named = next((i for i, t in enumerate(toks) if t.raw in self.fw_words), None)
        if named is None:
            return False
        nobody = self.claims.nobody  # ("ніхто не використовує": the claim's own "не")
        return any(toks[i].raw in SAY_NOT and i + 1 < len(toks)
                   and toks[i + 1].lemma in DENIED_VERBS and toks[i - 1].raw not in nobody
                   for i in range(named + 1, min(named + 3, len(toks))))

    def _claims_absent(self, a: Analysis, attr: str) -> bool:
        """Whether the message says the feature is missing: "no"/"без"/"немає"
        right before one of its words ("has no database layer", "без адмінки");
        for a server of its own, "needs a separate server (uvicorn)?" also says so,
        and "works without a separate server?" does not."""
        toks = a.tokens
        if attr == "dev_server":
            separate = self.claims.separate
            if any(t.raw in separate or t.lemma in separate for t in toks):
                return not any(t.raw in ABSENT_WORDS for t in toks)
            return False
        if attr in FEATURE_SET and any(t.raw in self.claims.separate for t in toks) and any(
                t.raw in PACKAGE_WORDS or t.lemma in PACKAGE_WORDS for t in toks) and not any(
                t.raw in ("or", "чи", "або") for t in toks[1:]):
            # "Django's ORM is a separate package you have to install, right?": not built
            # in ("built in, or installed separately?" asks its first half)
            return True
        words = self.attr_words.get(attr, frozenset())
        for i, t in enumerate(toks):
            if t.raw in ABSENT_WORDS and any(  # "has no built in orm": three words on
                    u.raw in words or u.lemma in words for u in toks[i + 1:i + 4]):
                return True
        return False

    def _bare_names(self, a: Analysis) -> bool:
        """Whether the message is a framework's name and a question mark, nothing else
        ("Django?"): after a fact asked, the same fact of it."""
        return len(a.frameworks) == 1 and a.text.rstrip().endswith("?") and all(
            t.raw in self.fw_words for t in a.tokens)

    def _read_named(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if not a.frameworks:
            return None
        if ((a.has("followup") or self._bare_names(a)) and len(a.frameworks) == 1
                and not a.attributes and not a.needs and a.content_words <= 2 and session.feature
                and session.intent in ("attribute", "claim")):
            # "and bottle?" after "does flask have sessions?": the same feature of it
            return self._feature_of(a.frameworks[0], session.feature, lang)
        if ((a.has("followup") or self._bare_names(a)) and not a.has("describe")
                and session.attribute and session.intent in ("attribute", "filter", "concept")):
            # "and Flask?" after "is Django async?": the same question of it, and
            # answered yes or no as that one was ("ківі вміє в айос?" "а тога?"; "Who
            # made Flask?" "Django?")
            return Reading("attribute", lang, frameworks=a.frameworks,
                           attributes=(session.attribute,), source="named",
                           claim=self._claim_again(session, a.frameworks[0], lang))
        made = self._made_claim(session, a, lang, a.frameworks[:1], "named")
        if made is not None:  # "Tornado гугл зробив?"
            return made
        if (len(a.frameworks) == 1 and not a.attributes and not a.needs and not a.tools
                and (a.has("your_list") or a.has("know_it"))):
            # "ти знаєш джанго?", "is django in your list?": yes, and what it is
            return Reading("describe", lang, frameworks=a.frameworks, source="named",
                           claim="listed")
        fw = self.kb.frameworks[a.frameworks[0]]
        users = fw.facts.users if fw.facts else None
        if len(a.frameworks) == 1 and users and (
                a.polar or any(t.raw in self.claims.tags for t in a.tokens)):
            named = {t.raw for t in a.tokens if len(t.raw) >= 4} - self.fw_words
            if named & {t.raw for t in tokenise(normalise(" ".join(users.values())))}:
                # "інстаграм на джанго написаний, правда?": a well-known user, named
                return Reading("attribute", lang, frameworks=a.frameworks[:1],
                               attributes=("users",), source="named", claim="yes")
        age = self._age_claim(a, fw) if len(a.frameworks) == 1 and a.polar else None
        if age is not None:  # "черріпай це якийсь новий фреймворк?": no, 2002
            return Reading("attribute", lang, frameworks=a.frameworks[:1],
                           attributes=("year",), source="named", claim=age or None)
        words = self._unsettled(a) if len(a.frameworks) == 1 and a.polar and not (
            a.has("describe") or a.has("followup")) else ()
        if words:  # "does Bottle need anything besides the standard library?"
            return Reading("unsure", lang, frameworks=a.frameworks, source="named",
                           words=words, claim=self._stated(a))
        return Reading("describe", lang, frameworks=a.frameworks[:1], source="named")

    def _claim_again(self, session: Session, fid: str, lang: Lang) -> str | None:
        """The verdict of the last question's claim, said now of another framework:
        None unless that question asked yes or no of one attribute."""
        asked, attr = session.asked, session.attribute
        if not asked or not attr or session.intent != "attribute":
            return None
        prev = self.reader.read(asked)
        if attr == "stdlib_only" and prev.attributes == (attr,):
            if not self._polar(prev):
                return "stated"  # "а перший скільки залежностей тягне?" "а другий?"
            if not any(t.raw in ABSENT_WORDS or t.raw in self.claims.only
                       for t in prev.tokens) and not self._says_not(prev):
                return "absent"  # "а в нього залежності є", "а в першого?": has it any
            return "yes" if self.kb.frameworks[fid].trait("stdlib_only") else "no"
        if not prev.frameworks or prev.attributes != (attr,) or not self._polar(prev):
            return None
        return self.claims.verdict(self.kb.frameworks[fid], attr, prev.tokens, prev.years, lang)

    def _made_claim(self, session: Session, a: Analysis, lang: Lang, about: tuple[str, ...],
                    source: str, relation: bool = False) -> Reading | None:
        """A yes/no question that says who made a framework in words no attribute
        phrase holds ("його ж гугл зробив, так?", "a Google product?"), or what it
        is part of ("Toga — частина BeeWare?"), checked against its creators."""
        if not about or not a.polar or (a.attributes and not relation):
            return None
        forms = self.claims.made_forms | self.claims.companies  # "інструмент від Microsoft?"
        fw = self.kb.frameworks[about[0]]
        if not relation and not any(t.raw in forms for t in a.tokens) and not (
                any(t.raw in self.claims.now for t in a.tokens) and self._keeper_named(fw, a)
        ) and not (any(t.raw in BY_WORDS for t in a.tokens) and self._sounded_makers(a)):
            return None  # ("фласк від палетс?": a maker named in Cyrillic, after "від")
        verdict = self.claims.verdict(fw, "creators", a.tokens, a.years, lang)
        return Reading("attribute", lang, frameworks=about[:1], attributes=("creators",),
                       claim=verdict, source=source)

    def _age_claim(self, a: Analysis, fw: Framework) -> str | None:
        """Whether a framework is as new or as old as the message says, from its
        first release and ``claims.age`` (dated): "yes", "no", "" between the two
        (the year alone says it), None when no age is claimed or the word is about
        the asker's own project ("a new project in flask?")."""
        age = self.claims.age
        toks = a.tokens
        said = {kind for i, t in enumerate(toks) for kind in ("new", "old")
                if (t.raw in age[kind] or t.lemma in age[kind])
                and not (i + 1 < len(toks) and toks[i + 1].raw in age["not_after"])}
        if len(said) != 1:
            return None
        years = age["as_of"] - fw.first_release
        new = True if years <= age["new_within"] else False if years > age["old_after"] else None
        if new is None:
            return ""  # neither: the year, with no yes or no
        return "yes" if new == ("new" in said) else "no"

    def _keeper_named(self, fw: Framework, a: Analysis) -> bool:
        """Whether the message names one who makes or keeps the framework, by a
        word of its creators' fact ("кварт тепер у pallets?": Pallets keeps it)."""
        words = self.keeper_words.get(fw.id, frozenset())
        return any(len(t.raw) >= 4 and t.raw in words and t.raw not in self.fw_words
                   and t.raw not in self.claims.ordinary for t in a.tokens)

    def _stated(self, a: Analysis, fid: str = "") -> str | None:
        """What the framework's own texts say of a yes/no question no reader
        understood: "yes" when one sentence (either language) holds every word of
        it ("піраміда це з pylons project?": "... from the Pylons Project"), "no"
        when every such sentence denies it ("runs javascript itself?": "does not run
        JavaScript itself"), else None. A negated question or a partial match stays
        unsure: fwbot does not guess."""
        toks = [t for t in self._unsettled_tokens(a) if len(t.raw) >= 4]
        if not toks or any(t.raw in NOT_WORDS for t in a.tokens):
            return None
        fw = self.kb.frameworks[fid or a.frameworks[0]]
        found = {not (said & NOT_WORDS) for lang in LANGS
                 for _, said in self.answers._sentences(fw, lang)
                 if all(t.raw in said or t.lemma in said for t in toks)}
        return None if len(found) != 1 else "yes" if found == {True} else "no"

    def _unsettled_tokens(self, a: Analysis) -> list[Token]:
        """The tokens of a message that no reader understood (see _unsettled)."""
        covered = {i for spans in a.spans.values() for s, e in spans for i in range(s, e)}
        claims = self.claims
        skip = (self.fw_words | claims.polar_start | claims.tags | claims.wh | claims.copula
                | claims.plain_verbs)
        function = self.reader.function_words
        return [t for i, t in enumerate(a.tokens)
                if i not in covered and len(t.raw) >= 3 and t.raw not in skip
                and t.raw not in function and t.lemma not in skip]

    def _unsettled(self, a: Analysis) -> tuple[str, ...]:
        """The words (and lemmas) of a yes/no question that no reader understood:
        not names, cues, function or question words ("dependencies", "json")."""
        covered = {i for spans in a.spans.values() for s, e in spans for i in range(s, e)}
        claims = self.claims
        skip = (self.fw_words | claims.polar_start | claims.tags | claims.wh | claims.copula
                | claims.plain_verbs)
        function = self.reader.function_words
        return tuple(sorted({w for i, t in enumerate(a.tokens)
                             if i not in covered and len(t.raw) >= 3 and t.raw not in skip
                             and t.raw not in function and t.lemma not in skip
                             for w in (t.raw, t.lemma)}))

    def _read_social(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        social = [i for i in SOCIAL if a.has(i) and not (i == "help" and a.needs) and not (
            i == "greet" and a.needs and min(s for s, _ in a.spans["greet"]) > 1)]
        # (a greeting opens a message: "..., хай буде в браузері" says "let it be")
        if social and not a.has("recommend") and not a.has("framework_word"):
            # ("говориш українською?" is a yes/no question: yes, first)
            return Reading("social", lang, thing=social[0],  # "дякую велике" is thanks
                           claim="yes" if social[0] == "languages" and a.polar else None)
        return None

    def _read_needs(self, session: Session, a: Analysis, lang: Lang) -> Reading | None:
        if a.needs and not (a.attributes and a.has("pronoun") and session.frameworks):
            if self._context(session, a)[1] == "ordinal":
                return None  # "а другий як тоді малює інтерфейс?" is about the second one
            return self._recommendation(session, a, lang)  # "that" with nothing in view is no "it"
        return None

    def _read_rest(self, session: Session, a: Analysis, lang: Lang) -> Reading:
        social = [i for i in SOCIAL if a.has(i)]
        if social:
            return Reading("social", lang, thing=social[0])
        context = session.frameworks
        if a.attributes and not context:
            return Reading("which_framework", lang, attributes=a.attributes[:1])
        if (not a.frameworks and (a.has("framework_word") or a.filter_cue or a.has("which_of"))
                and session.attribute in self.kb.filters):
            # "а в якому з фреймворків вона вбудована?" after "що таке ORM?"
            return Reading("filter", lang, filters=(session.attribute,))
        if context and a.has("pronoun"):
            made = self._made_claim(session, a, lang, *self._context(session, a))
            if made is not None:  # "його ж гугл зробив, так?" after Tornado
                return made
            raws = {t.raw for t in a.tokens}
            about, source = self._context(session, a)
            if about and raws & WHO_WORDS and raws & self.claims.made_forms:
                return Reading("attribute", lang, frameworks=about[:1],  # "а хто його зробив?"
                               attributes=("creators",), source=source)
            # ("як браузер" past the opening is "like a browser", not "how")
            if len(about) == 1 and a.polar and not a.has("describe") and not any(
                    t.raw in self.claims.wh and not (t.raw in LIKE_WORDS and i > 1)
                    for i, t in enumerate(a.tokens)):
                # "does it run js on the pages itself?" after Scrapy: its own texts
                # settle it, or the answer says they do not -- "it" is known
                words = self._unsettled(a)
                if words:
                    return Reading("unsure", lang, frameworks=about, source=source, words=words,
                                   claim=self._stated(a, about[0]))
        if a.excluded and not a.frameworks and not a.needs:
            # "тільки не веб2пай": a choice is wanted, and what it must not be is kept
            return self._make("recommend", a, lang)
        about, source = self._context(session, a)
        if source == "ordinal":  # "а другий?" after a ranking
            if (session.intent in ("which", "attribute") and session.attribute
                    and session.attribute in self.kb.vocabulary["attributes"]
                    and a.content_words <= 3):  # ("а другий як тоді малює?" asks more)
                # "а другий тоді що?" after "який з них ASGI?": the same fact of it,
                # and with yes or no as the last one was
                return Reading("attribute", lang, frameworks=about[:1], source=source,
                               attributes=(session.attribute,), claim=self._claim_again(
                                   session, about[0], lang) if about else None)
            return Reading("describe", lang, frameworks=about[:1], source=source)
        strange = self._strange_word(a) if a.has("followup") or a.has("describe") else None
        if strange:  # "what about Quokkaweb?": a name fwbot does not know
            return Reading("unknown", lang, thing=strange)
        if context and a.has("describe") and (a.has("pronoun") or a.has("followup")):
            about, source = self._context(session, a)
            return Reading("describe", lang, frameworks=about[:1], source=source)
        return Reading("unknown", lang)

    def _strange_word(self, a: Analysis) -> str | None:
        """A Latin word of the message that no vocabulary knows and that looks like a
        name (five letters or more), if any: a Ukrainian word the vocabulary lacks is
        far more often an ordinary word than a name."""
        known = self.known_words
        for t in a.tokens:
            if (len(t.raw) >= 5 and t.latin and not t.cyrillic and t.raw not in known
                    and t.lemma not in known):
                return t.raw
        return None

    def _topic(self, a: Analysis) -> str:
        """The Python fact a question is about (the definition by default)."""
        # A fact of Python's own things ("GIL", "tuple") first, its uses (asked with
        # "where", "навіщо") last: "where does the name come from" asks the name.
        topics = sorted(a.python_topics, key=lambda t: (t not in self.alone_facts, t == "uses"))
        if topics and topics[0] in self.alone_facts:
            return topics[0]
        named = [t for t in topics if t not in ("uses", "definition")]
        if a.has("framework_word") and not a.has("python"):
            topics = ["framework"]
        elif named and named[0] in self.python_facts:
            return named[0]  # "python 2 чи 3? книжка 2012 року": Python 2, not its year
        elif a.attributes and "use" in a.attributes:
            topics = ["uses"]
        elif a.attributes and "year" in a.attributes:
            topics = ["created"]
        elif a.attributes and "version" in a.attributes:
            topics = ["version"]  # "яка остання версія пайтона?"
        return topics[0] if topics and topics[0] in self.python_facts else "definition"

    def _leaves_wizard(self, a: Analysis) -> bool:
        """A message that clearly asks something else ends the wizard."""
        return (any(a.has(c) for c in ("list", "criteria", "python", "bye", "thanks",
                                       "help", "compare")) or bool(
            set(a.attributes) - {"use"} and a.has("pronoun"))) and not a.needs

    def _is_compare(self, a: Analysis, fws: list[str], session: Session) -> bool:
        """Whether the message asks to compare. The message's own marks are
        tested before the session's fields, so a Reading depends on as few of
        them as it can (fwbot.recall)."""
        if len(fws) >= 2:
            return not (a.attributes and not a.has("compare") and not a.comparative)
        if (a.has("compare") and a.has("pronoun") and fws and session.frameworks
                and fws[0] != session.frameworks[0]):
            return True  # "що краще для новачка, він чи фласк?"
        if (len(fws) == 1 and self._singular(a) and self._comparison(a) is not None
                and session.frameworks and fws[0] != session.frameworks[0]):
            return True  # "and is it faster than flask?" after FastAPI
        if a.needs and a.has("recommend"):
            return False
        if a.has("compare") and (a.has("pronoun") or fws) and len(
                _merge(_merge(session.frameworks, fws), session.recent)) >= 2:
            return True
        if (a.has("compare") and a.has("pronoun") and not fws and not self._singular(a)
                and len(session.shown) >= 2):
            return True  # "а яка між ними різниця?" after a pick: the ones it showed
        if (a.comparative and not fws and (not a.attributes or self._comparison(a))
                and len(session.frameworks) >= 2):  # "а хто їх створив?" asks who
            return True
        if (a.comparative and not fws and self._comparison(a) is not None
                and any(t.raw in ORDINALS for t in a.tokens) and len(session.shown) >= 2):
            return True  # "а перший старший?": that one against the others shown
        if (a.comparative and not fws and self._comparison(a) is not None
                and session.intent in ("which", "attribute") and len(session.shown) >= 2):
            return True  # "а який краще по типізації?" after "в якого з них є адмінка?
        if (a.needs and not fws and (not a.attributes or self._forgets(a))
                and (a.has("followup") or len(a.tokens) <= 4 or self._forgets(a))
                and not any(t.raw in ORDINALS for t in a.tokens)  # ("а останній на мобілки?")
                and session.intent == "compare" and len(session.frameworks) >= 2):
            return True  # "а для новачка?" after a comparison: the same two, for that
        return (a.has("followup") and len(fws) == 1 and not a.attributes
                and session.intent == "compare" and len(session.frameworks) >= 2)

    @staticmethod
    def _forgets(a: Analysis) -> bool:
        """Whether the message drops a need said before ("забудь десктоп, це під
        андроїд", "forget the mobile part"): the rest of it replaces that need."""
        return any(t.raw in FORGET_WORDS for t in a.tokens)

    def _is_fit(self, a: Analysis, fws: list[str]) -> bool:
        """"Is Django good for a REST API?", "чи підійде фласк для новачка": one named
        framework and needs, no request for a recommendation, and no attribute asked
        but its use ("is Flask fast?" asks the attribute)."""
        moving = [self.kb.needs[n] for n in a.needs
                  if n in self.kb.needs and self.kb.needs[n].group == "from"]
        if moving and fws and not any(rule.weight > 0 and rule.condition.trait == "api_of"
                                      and rule.condition.holds(self.kb.frameworks[fws[0]])
                                      for need in moving for rule in need.rules):
            # "an existing Flask app, want async": what to move to, not how Flask fits
            # ("quart, if I already have a Flask app?" asks how Quart fits)
            return False
        asked = set(a.attributes) - {"use"}
        if a.tokens[0].raw in PREMISE_WORDS and not a.years:
            asked.discard("year")  # "since Django has an admin, ..." names no date
        if "openapi" in asked:
            asked.discard("docs")  # "openapi документація" is the feature, not the docs' URL
        fit_said = (a.has("fit") or self._name_for(a) or a.tokens[-1].raw in FIT_TAGS
                    or any(t.raw in KIND_NOUNS and u.raw in FOR_WORDS  # "falcon - це
                           for t, u in pairwise(a.tokens)))  # фреймворк для десктопних GUI?"
        return (len(fws) == 1 and bool(a.needs)
                and (not asked or (fit_said and asked <= FIT_ASKS))
                and (a.has("fit") or not a.has("recommend") or a.has("relation")
                     or self._polar(a) or self._has_addon(fws[0], a.needs)
                     or a.tokens[-1].raw in FIT_TAGS or self._learns(a)))

    def _learns(self, a: Analysis) -> bool:
        """Whether the one framework named is what is to be learned ("скільки часу
        вивчити джанго?", "learn django as a beginner"): how it suits a beginner."""
        return "beginner" in a.needs and any(
            t.lemma in LEARN_VERBS or t.raw in LEARN_VERBS for t in a.tokens)

    def _name_for(self, a: Analysis) -> bool:
        """Whether a framework's name is followed by "for" ("FastAPI для сайту з
        шаблонами?", "Litestar для великого API?"): the question is how it fits."""
        toks = a.tokens
        return any(t.raw in self.fw_words and toks[i + 1].raw in FOR_WORDS
                   for i, t in enumerate(toks[:-1]))

    def _name_is(self, a: Analysis) -> bool:
        """Whether the message says what a framework is ("twisted це ігровий движок?",
        "is scrapy a testing tool?"): a job it is not made for, named so, is a
        question of fit (one it does is left to the claims: "aiohttp is only an
        HTTP client?")."""
        toks = a.tokens
        return any(t.raw in self.fw_words and (
            toks[i + 1].raw in IS_WORDS or (i > 0 and toks[i - 1].raw in IS_WORDS))
            for i, t in enumerate(toks[:-1]))

    def _on_name(self, a: Analysis) -> bool:
        """Whether a job is said to be done on a framework ("телеграм бота писати на
        джанго?", "a game on flask?"): for a job it is not made for, a question of fit."""
        toks = a.tokens
        return any(t.raw in self.fw_words and i > 0 and toks[i - 1].raw in ON_NAME_WORDS
                   for i, t in enumerate(toks))

    def _has_addon(self, fid: str, needs: Sequence[str]) -> bool:
        """Whether an add-on of the framework does one of the needs ("REST API in
        Django - what do I need?": Django REST framework), so it is asked about."""
        return not self.addon_needs.get(fid, frozenset()).isdisjoint(needs)

    def _is_recommend(self, a: Analysis, fws: list[str]) -> bool:
        if a.has("python") and not a.has("recommend"):
            # "a mobile app in python" asks for a tool; "is python ...?" asks about Python
            return (not fws and not a.polar and any(n in self.what_needs for n in a.needs)
                    and not self.claims.concludes_against(a.tokens))  # ("..., тому для
            # бекенду він не годиться" is a claim about Python)
        if a.has("recommend"):
            return not (len(fws) == 1 and not a.needs)
        return bool(a.needs and a.has("framework_word") and not fws
                    and not a.has("describe"))

    # -- rules: an answer for each act ------------------------------------------

    def _fws(self, ids: Sequence[str]) -> list[Framework]:
        return [self.kb.frameworks[f] for f in ids]

    def _need_list(self, ids: Sequence[str]) -> list[Need]:
        return [self.kb.needs[n] for n in ids if n in self.kb.needs]

    def answer_empty(self, session: Session, r: Reading) -> Reply:
        """Nothing but spaces or punctuation: say what to ask."""
        return Reply(self.answers.t("empty", r.lang), "help", r.lang)

    def answer_unknown(self, session: Session, r: Reading) -> Reply:
        """Not understood, or a thing fwbot does not know: say so and what it knows."""
        return self.answers.unknown(r.lang, r.thing)

    def answer_social(self, session: Session, r: Reading) -> Reply:
        """Greetings, thanks, goodbyes, help."""
        reply = self.answers.social(r.thing or "help", r.lang)
        if r.claim == "yes":
            yes = self.kb.vocabulary["verdict"]["yes"][r.lang]
            return replace(reply, reply=f"{yes} {reply.reply}")
        return reply

    def answer_describe(self, session: Session, r: Reading) -> Reply:
        """One framework's card; "yes" first when asked whether it is one known."""
        session.attribute = None
        reply = self.answers.describe(self.kb.frameworks[r.frameworks[0]], r.lang)
        if r.claim == "listed":
            yes = self.kb.vocabulary["verdict"]["yes"][r.lang]
            return replace(reply, reply=f"{yes} {reply.reply}")
        return reply

    def answer_attribute(self, session: Session, r: Reading) -> Reply:
        """One property of the frameworks, opening with the claim's verdict if any."""
        session.attribute = r.attributes[0]
        fws = self._fws(r.frameworks)
        if r.claim == "optional":  # "can I use django without the orm?"
            return self.answers.optional_feature(fws[0], r.attributes[0], r.lang)
        reply = self.answers.attribute(fws, r.attributes[0], r.lang,
                                       None if r.claim in ("instead", "asks") else r.claim)
        if r.claim in ("instead", "asks"):  # what to use in its place, or what it uses:
            # the fact without the yes or no a yes/no question would open with
            reply = replace(reply, reply=self.answers.bare(reply.reply,
                                                           ("ні", "no", "так", "yes")))
        if r.attributes == ("kind",) and r.claim == "no" and len(fws) == 2:
            # "is fastapi the same as starlette?": no, and one is built on the other
            layers = self.answers.layer_lines(fws, r.lang)
            if layers:
                reply = replace(reply, reply="\n".join([reply.reply, *layers]))
            elif fws[0].kind == fws[1].kind:  # "деш це стрімліт від плотлі?": of one
                # kind, and who made each tells them apart
                makers = self.answers.attribute(fws, "creators", r.lang, None)
                reply = replace(reply, reply=f"{reply.reply}\n{makers.reply}")
        for attr in r.attributes[1:]:  # "хто створив джанго і коли?": each thing asked
            more = self.answers.attribute(fws, attr, r.lang, None)
            reply = replace(reply, reply=f"{reply.reply}\n{more.reply}")
        return reply

    def answer_claim(self, session: Session, r: Reading) -> Reply:
        """Whether a claim about what a framework is or is built on holds."""
        fws = self._fws(r.frameworks)
        verdict = "" if r.claim == "asks" else r.claim or "no"  # "asks": what, not whether
        if r.attributes == ("property",):  # a declared property: its verdict and fact
            props = fws[0].facts.properties if fws[0].facts else ()
            index = int(r.topic or 0)
            session.feature = (self.feature_of.get(props[index][0])
                               if 0 <= index < len(props) else None)
            return self.answers.property_claim(fws[0], index, verdict, r.lang)
        session.feature = None
        return self.answers.claim(fws[0], fws[1:], r.attributes[0], verdict, r.lang,
                                  r.tools[0] if r.tools else "")

    def answer_which(self, session: Session, r: Reading) -> Reply:
        """"Which of them ...?": rank the frameworks by what is asked, best first.

        Needs rank by their score; a built-in feature or a platform by whether
        each has it; speed and age by the trait; anything else by how many of
        the message's own words each framework's texts use ("the Qt one").
        """
        pool = self._fws(r.frameworks)
        attr = r.attributes[0] if r.attributes else None
        lines: list[str] = []
        found = True
        if attr == "property" and r.topic:
            # "в якого з них csrf з коробки?": by each one's declared fact, the ones it
            # holds for first
            facts = {}
            for part in r.topic.split(","):
                fid, _, index = part.partition(":")
                fw = self.kb.frameworks[fid]
                facts[fid] = fw.facts.properties[int(index)] if fw.facts else ((), "", {})
            ranked = sorted(pool, key=lambda f: facts[f.id][1] != "yes")
            return self.answers.which(ranked, None, [facts[f.id][2][r.lang] for f in ranked],
                                      facts[ranked[0].id][1] == "yes", r.lang)
        if r.on and r.source == "all":  # "який найстаріший фреймворк?": of every one
            return self.answers.extreme(pool, r.on, r.lang)
        if r.on:  # "which one is faster / newer?": the comparison's verdict and table
            return self.answers.compare_on(pool, self._need_list(r.needs), r.on, False, r.lang)
        if r.needs and not attr:  # "а для початківця що з них?": scored, verdict first
            return self.answers.compare(pool, self._need_list(r.needs), r.lang)
        if attr is not None and attr in FEATURES and any(
                self.answers.has_feature(f, attr) for f in pool):
            # "в якого з них є адмінка?": the one that has it, by the fact, not a score
            have = {f.id: self.answers.has_feature(f, attr) for f in pool}
            ranked = sorted(pool, key=lambda f: not have[f.id])
        elif r.needs:
            scored = self.scorer.score(pool, self._need_list(r.needs))
            ranked = [s.framework for s in scored]
            found = scored[0].score > 0
            lines = [self.answers.t("which_row", r.lang, name=s.framework.name,
                                    text=self.answers.reasons_of(s, r.lang)) for s in scored]
        elif attr == "built_on" and r.thing:  # "which of them is built on Flask?"
            base = normalise(r.thing)
            on = {f.id: base in {normalise(b) for b in self._bases(f.id)} for f in pool}
            ranked = sorted(pool, key=lambda f: not on[f.id])
            lines = [(self.answers.t("claim_built_on", r.lang, verdict="", name=f.name,
                                     bases=self.answers.listed(self._bases(f.id), r.lang))
                      if self._bases(f.id) else
                      self.answers.t("claim_built_on_none", r.lang, verdict="", name=f.name,
                                     summary="")).strip() for f in ranked]
            return self.answers.which(ranked, attr, tuple(lines), on[ranked[0].id], r.lang)
        elif attr in RANKS:
            ranked = sorted(pool, key=RANKS[attr])
        elif attr is not None and attr in FEATURES:
            have = {f.id: self.answers.has_feature(f, attr) for f in pool}
            ranked = sorted(pool, key=lambda f: not have[f.id])
            found = bool(have[ranked[0].id])
        elif attr == "interface" and set(r.words) & {"wsgi", "asgi"}:
            # "а який з них ASGI?": the one whose server interface it is
            want = sorted(set(r.words) & {"wsgi", "asgi"})

            def speaks(f: Framework, words: Iterable[str] = want) -> bool:
                said = normalise(" ".join(f.facts.interface.values())) if (
                    f.facts and f.facts.interface) else ""
                return all(w in said.split() for w in words)

            # one that speaks only that interface (FastAPI: ASGI) before one that
            # speaks the other too (Django: WSGI and ASGI)
            other = [w for w in ("wsgi", "asgi") if w not in want]
            ranked = sorted(pool, key=lambda f: (not speaks(f), bool(other) and speaks(f, other)))
            found = speaks(ranked[0])
        elif attr == "platforms" and r.thing:
            ranked = sorted(pool, key=lambda f: r.thing not in f.traits.platforms)
            found = r.thing in ranked[0].traits.platforms
        else:
            # Only words that tell the frameworks apart count ("qt", not "one").
            words_of = self.words_of()
            texts = [words_of[f.id] for f in pool]
            words = {w for w in r.words if 0 < sum(w in t for t in texts) < len(texts)}
            hits = {f.id: len(words & words_of[f.id]) for f in pool}
            ranked = sorted(pool, key=lambda f: -hits[f.id])
            found = hits[ranked[0].id] > 0
            attr = None
            lines = [self.answers.t("which_row", r.lang, name=f.name,
                                    text=(f.summary if found else f.purpose)[r.lang])
                     for f in ranked]
        if not lines:
            lines = [self.answers.attribute_line(f, attr, r.lang) for f in ranked] if attr \
                else [self.answers.t("which_row", r.lang, name=f.name, text=f.summary[r.lang])
                      for f in ranked]
        if attr is not None:  # ("а другий тоді що?" asks the same of the other one)
            session.attribute = attr
        return self.answers.which(ranked, attr, tuple(lines), found, r.lang)

    def answer_unsure(self, session: Session, r: Reading) -> Reply:
        """A yes/no question its facts do not settle: no guess, the nearest fact."""
        session.attribute = None
        return self.answers.unsure(self.kb.frameworks[r.frameworks[0]], r.words, r.lang,
                                   r.claim)  # (memo: no keywords)

    def answer_compare(self, session: Session, r: Reading) -> Reply:
        """Frameworks side by side, scored for the needs if any (kept, so "а чому?"
        explains the scores of these frameworks)."""
        fws, needs = self._fws(r.frameworks), self._need_list(r.needs)
        if r.needs:
            session.recommendation = {"needs": list(r.needs), "among": list(r.frameworks),
                                      "excluded": [], "ranked": list(r.frameworks)}
        if r.on:  # "Is Sanic faster than Flask?": the verdict first, then the table
            return self.answers.compare_on(fws, needs, r.on, r.claim == "polar", r.lang)
        if r.claim == "like":  # "а він схожий на фласк?": yes when one redoes the other's API
            return self.answers.compare_like(fws, needs, r.lang, verdict=r.source != "which")
        return self.answers.compare(fws, needs, r.lang)

    def answer_compare_one(self, session: Session, r: Reading) -> Reply:
        """A comparison with one framework: ask for the other."""
        fw = self.kb.frameworks[r.frameworks[0]] if r.frameworks else None
        return self.answers.compare_need_one(fw, r.lang)

    def answer_fit(self, session: Session, r: Reading) -> Reply:
        """How well the named framework fits the needs."""
        session.recommendation = {"needs": list(r.needs), "among": [],
                                  "about": list(r.frameworks)}
        return self.answers.fit(self.kb.frameworks[r.frameworks[0]],
                                self._need_list(r.needs), r.lang, r.claim == "can",
                                r.claim == "else", r.claim == "denied")

    def answer_recommend(self, session: Session, r: Reading) -> Reply:
        """A ranking for the needs, or the wizard's first question when none is known."""
        if all(n.startswith(UNWANTED) for n in r.needs):
            # Nothing wanted yet ("ні, асинхронність не потрібна"): ask what is built,
            # keeping what is not wanted for the ranking to come.
            session.wizard = {"step": "what", "needs": list(r.needs), "tries": 0,
                              "excluded": list(r.excluded)}
            return self.answers.wizard_what(r.lang)
        ranked = self._ranked(session, list(r.needs), list(r.among), r.lang, r.excluded)
        if r.claim == "no" and ranked.frameworks:  # "Python can't do mobile apps?": it can
            ranked = replace(ranked, reply=f"{self.answers.t('python_can', r.lang)} "
                                           f"{ranked.reply}")
        listed = [f for d in r.domains for f in self.kb.domains[d].frameworks
                  if f in ranked.frameworks[1:]]
        if listed:  # "щось із твого списку для ігор на телефон?": Kivy does games
            label = self.kb.domains[next(d for d in r.domains
                                         if listed[0] in self.kb.domains[d].frameworks)].label
            line = self.answers.t("related_listed", r.lang, label=label[r.lang],
                                  names=self.answers.names(self._fws(listed[:1]), r.lang))
            ranked = replace(ranked, reply=f"{line}\n{ranked.reply}",
                             frameworks=_merge(listed[:1], list(ranked.frameworks)))
        if r.domains or r.tools:  # "a shop and a Telegram bot for it": the bot's tools too
            return self.answers.with_related(ranked, r.domains, r.lang, r.tools)
        return ranked

    def answer_explain(self, session: Session, r: Reading) -> Reply:
        """"Why?": the reasons behind the last recommendation."""
        rec = {"needs": list(r.needs), "among": list(r.among), "excluded": list(r.excluded)}
        reply = self.answers.explain(rec, list(r.frameworks), r.lang)
        if r.claim == "rather" and reply.frameworks:
            # "why not just requests?": what the pick does that a plain tool does not:
            # what the tool named is for, then what the pick does well
            fw = self.kb.frameworks[reply.frameworks[0]]
            lines = [self.answers.t("rather_tool", r.lang, name=self.kb.tools[t].name,
                                    purpose=self.kb.tools[t].purpose[r.lang].rstrip("."))
                     for t in r.tools[:2]]
            strengths = fw.facts.strengths if fw.facts is not None else None
            if strengths:
                lines.append(self.answers.t("rather_strengths", r.lang, name=fw.name,
                                            strengths=strengths[r.lang]))
            else:
                lines.append(fw.description[r.lang].split(". ")[0].rstrip(".") + ".")
            reply = replace(reply, reply="\n".join((reply.reply, *lines)))
        elif len(reply.frameworks) == 1:
            # "чому саме його?" after the only pick: the score alone says little; what
            # it does well says the rest
            fw = self.kb.frameworks[reply.frameworks[0]]
            if fw.facts is not None and fw.facts.strengths:
                reply = replace(reply, reply="\n".join((reply.reply, self.answers.t(
                    "explain_strengths", r.lang, name=fw.name,
                    strengths=fw.facts.strengths[r.lang]))))
        return reply

    def answer_explain_none(self, session: Session, r: Reading) -> Reply:
        """"Why?" with nothing recommended yet."""
        return self.answers.explain_none(r.lang)

    def answer_filter(self, session: Session, r: Reading) -> Reply:
        """Frameworks with the properties asked for."""
        return self.answers.filter_by(r.filters, r.years, r.before, r.lang)

    def answer_list(self, session: Session, r: Reading) -> Reply:
        """Every framework fwbot knows."""
        return self.answers.list_all(r.lang)

    def answer_related(self, session: Session, r: Reading) -> Reply:
        """A job or tool outside the framework list; the job is kept, so "why not a
        web framework?" is answered about it."""
        if r.domains and not r.tools:
            # the needs of the advice before it are kept under it: "я один" after "на
            # сервері раз на день" (its hosting) still refines the scraper asked for
            before = session.recommendation
            keep = before if before and before.get("needs") else (before or {}).get("before")
            session.recommendation = {"needs": [], "among": [], "domains": list(r.domains)}
            if keep:
                session.recommendation["before"] = keep
        about = self.kb.frameworks[r.frameworks[0]] if r.frameworks else None
        if r.claim == "listed":  # a yes/no question whether it is one of the frameworks
            reply = self.answers.related(r.domains, r.tools, r.lang, "", about, (), r.prefer,
                                         int(r.topic) if r.topic else -1)
            no = self.kb.vocabulary["verdict"]["no"][r.lang]
            return replace(reply, reply=f"{no} {reply.reply}")
        reply = self.answers.related(r.domains, r.tools, r.lang, r.claim or "", about,
                                     r.excluded if r.claim in ("instead", "with", "yes", "neither")
                                     else r.frameworks[1:] if r.claim == "vs" else (),
                                     r.prefer, int(r.topic) if r.topic and r.tools else -1)
        listed = [f for d in r.domains for f in self.kb.domains[d].frameworks
                  if f not in r.excluded]
        if listed and len(r.domains) == 1 and not r.tools and not r.frameworks and not r.claim:
            # "сервіс що тягне дані з 500 апішок": HTTPX, and aiohttp of the list does it too
            line = self.answers.t("related_listed", r.lang,
                                  label=self.kb.domains[r.domains[0]].label[r.lang],
                                  names=self.answers.names(self._fws(listed[:1]), r.lang))
            reply = replace(reply, reply=f"{reply.reply}\n{line}")
        return reply

    def answer_concept(self, session: Session, r: Reading) -> Reply:
        """What a term means; a feature's term ("ORM") is kept, so "which framework
        has it built in?" and "and Flask?" ask about that feature."""
        if len(r.concepts) == 1 and r.concepts[0] in FEATURE_SET:
            session.attribute = r.concepts[0]
        return self.answers.concept(r.concepts, r.lang, r.claim, r.frameworks,
                                    int(r.topic) if r.topic and r.claim else -1)

    def answer_python(self, session: Session, r: Reading) -> Reply:
        """A fact about Python itself."""
        return self.answers.python_fact(r.topic or "definition", r.lang, r.claim)

    def answer_criteria(self, session: Session, r: Reading) -> Reply:
        """How to choose a framework."""
        return self.answers.criteria(r.lang)

    def answer_which_framework(self, session: Session, r: Reading) -> Reply:
        """A property asked about with no framework in sight: ask which one."""
        return self.answers.which_framework(r.attributes[0], r.lang)

    def answer_wizard(self, session: Session, r: Reading) -> Reply:
        """One step of the recommendation wizard: ask again, ask the size, or rank."""
        wizard = session.wizard or {}
        needs = list(r.needs)
        if r.thing == "no_need" and r.step == "size" and needs:
            # "не знаю" to how big it is: rank what is known rather than ask again
            session.wizard = None
            return self._ranked(session, needs, [], r.lang, r.excluded)
        if r.thing == "no_need":  # the answer named no need
            wizard["tries"] = wizard.get("tries", 0) + 1
            if wizard["tries"] >= WIZARD_TRIES and needs:
                session.wizard = None
                return self._ranked(session, needs, [], r.lang, r.excluded)
            if wizard["tries"] >= WIZARD_TRIES:
                session.wizard = None
                return self.answers.unknown(r.lang, None)
            return self.answers.wizard_again(wizard.get("step", "what"), r.lang)
        groups = {self.kb.needs[n].group for n in needs if n in self.kb.needs}
        if "size" not in groups and r.step == "what" and groups & {"what"} and (
                set(needs) & {"web", "api"}):
            session.wizard = {"step": "size", "needs": needs, "tries": 0,
                              "excluded": list(r.excluded)}
            return self.answers.wizard_size(self._need_list(needs), r.lang)
        if not groups & {"what", "size"} and r.step == "what" and not any(
                n in self.what_needs for n in needs):
            # Only what is not wanted so far: still ask what is built.
            session.wizard = {"step": "what", "needs": needs, "tries": wizard.get("tries", 0),
                              "excluded": list(r.excluded)}
            return self.answers.wizard_again("what", r.lang)
        session.wizard = None
        return self._ranked(session, needs, [], r.lang, r.excluded)

    def _ranked(self, session: Session, need_ids: list[str], among: list[str],
                lang: Lang, excluded: Sequence[str] = ()) -> Reply:
        among = among if len(among) >= 2 else []
        if not among and need_ids and all(n in self.level_needs for n in need_ids):
            # "що брати для програми з закритим кодом?": every framework meets it alike,
            # so it ranks nothing; what is built decides
            session.wizard = {"step": "what", "needs": list(need_ids), "tries": 0,
                              "excluded": list(excluded)}
            return self.answers.wizard_what(lang)
        if not among and not any(n in self.what_needs or n in self.kind_needs
                                 for n in need_ids):
            # Only qualities ("the fastest", "for beginners"): a web framework is meant,
            # not a scraper, a GUI toolkit or a networking engine that happens to be fast.
            among = list(self.web_ids)
        reply = self.answers.recommend_for(self._need_list(need_ids), self._fws(among), lang,
                                           tuple(excluded))
        # The ranking is kept: "а другий варіант?" several questions later means its second.
        session.recommendation = {"needs": need_ids, "among": among, "excluded": list(excluded),
                                  "ranked": list(reply.frameworks)}
        return reply


# The markup a claim may say is not needed ("no HTML needed", "без html").
MARKUP_WORDS = frozenset(("html", "css", "верстка", "верстки", "розмітка", "розмітки", "markup"))

# Prepositions a wh-word may follow: "і під якою ліцензією?", "and under which licence?"
WH_PREPOSITIONS = frozenset(("під", "за", "на", "в", "у", "з", "із", "від", "до", "для",
                             "under", "in", "on", "from", "by", "with", "at", "for"))

# Facts said of each of several frameworks compared ("flask vs fastapi: wsgi or asgi?"):
# what each one has, not who wins.
TOLD_EACH = frozenset(("interface", "license", "creators", "built_on"))


# The rule that answers each act: a method of Engine named here.
RULES: dict[str, str] = {act: f"answer_{act}" for act in ACTS}


def _for_that(a: Analysis) -> bool:
    """Whether the message says "for that", "для цього": the project talked about."""
    return any(t.raw in FOR_WORDS and u.raw in JOB_WORDS for t, u in pairwise(a.tokens))


def _says_of_them(toks: Sequence[Token]) -> bool:
    """Whether the words say "of them", "з них", "of the three": the ones in view."""
    raws = [t.raw for t in toks]
    return any(w in OF_WORDS and (u in THEM_WORDS or (u == "the" and k + 2 < len(raws)
                                                      and raws[k + 2] in THEM_WORDS))
               for k, (w, u) in enumerate(pairwise(raws)))


def _opening(a: Analysis) -> str:
    """The message's first word, past a leading "and" / "а"."""
    raws = a.tokens
    if len(raws) > 1 and raws[0].raw in OPENERS:
        return raws[1].raw
    return raws[0].raw if raws else ""


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


def _as_lang(lang: str) -> Lang:
    """A language a door passed on (a query parameter, a session's): en unless uk."""
    return "uk" if lang == "uk" else "en"


_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """A message as compared with a suggestion: case, punctuation and spacing aside.

    Memoised: in a conversation nearly every other reply has a suggestion near
    the message's length (an answer about Django offers "Is Django async?"), and
    the casefold and substitution on each such suggestion and on the message were
    a fifth of a reply's cost (callgrind, bench's load of 100 sessions: 112 k
    instructions a reply, 97 k memoised). Suggestions come from a finite set of
    templates; a message is compared only when it is about a suggestion's length,
    so only short strings are kept, and a repeated question costs a look-up, as
    its analysis does.
    """
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _without_echo(result: Reply, text: str) -> Reply:
    """The reply without a suggestion that repeats the message it answers.

    Suggestions are worded per situation ("Is Django async?" after any answer
    about Django), so a user who taps one would be offered it again; the copy
    is made only then, since replies are memoised and shared. Most messages
    differ from every suggestion in length, so only near ones are compared.
    """
    size = len(text)
    near = [s for s in result.suggestions if abs(len(s) - size) <= 4]
    if not near:
        return result
    asked = _plain(text)
    echoes = {s for s in near if _plain(s) == asked}
    if not echoes:
        return result
    return replace(result, suggestions=[s for s in result.suggestions if s not in echoes])
