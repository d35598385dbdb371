"""Issue 11's eighteenth round: corrections, phone-style messages, and what a
framework pulls in.

People correct themselves ("у нас не фастапі, а літестар", "хто зробив фласк ой
тобто фастапі"), drop a need they said ("забудь мобілку"), type without question
marks ("стрімліт від гугла") and ask in the terms of the stack they come from ("Is
there a Rails for Python?"). Each was read as something else: a comparison of the
two names, the list of frameworks, "I don't know Ruby".
"""

from __future__ import annotations

from asking import ask, talk

from fwbot.engine import Engine


def test_not_x_but_y_is_a_correction_of_which_framework(engine: Engine) -> None:
    r = talk(engine, "я на роботі юзаю фастапі. він підійде, щоб зробити адмінку?",
             "ой, я неправильно сказав, у нас не фастапі, а літестар")
    # the last question asked again of the one meant, no FastAPI/Litestar comparison
    assert r.frameworks[0] == "litestar" and r.intent == "fit"
    en = talk(engine, "Does Django have an ORM?", "not Django but Flask")
    assert en.reply.startswith("No") and en.frameworks == ("flask",)
    uk = talk(engine, "хто створив фастапі?", "ні, не фастапі, а старлет")
    assert uk.frameworks == ("starlette",) and "Christie" in uk.reply
    # "anything but flask" still rules Flask out
    assert "flask" not in ask(engine, "anything but flask for an api").frameworks


def test_a_self_correction_inside_one_message_keeps_what_follows(engine: Engine) -> None:
    r = ask(engine, "хто зробив фласк ой тобто фастапі")
    assert r.frameworks == ("fastapi",) and "Ramírez" in r.reply
    assert ask(engine, "who made django, wait no, i meant pyramid").frameworks == ("pyramid",)
    tui = ask(engine, "kivy or toga... actually forget the mobile part, i need a terminal ui")
    assert tui.frameworks[0] == "textual"
    # one framework, then a question about it: "actually" corrects nothing
    kivy = ask(engine, "does kivy actually run on android phones?")
    assert kivy.reply.startswith("Yes") and kivy.frameworks[0] == "kivy"


def test_forgetting_a_need_wants_the_next_one(engine: Engine) -> None:
    r = ask(engine, "для мобілки шо взять хоча забудь мобілку, десктоп під windows")
    assert r.frameworks[0] == "pyside6"
    after = talk(engine, "ківі чи pyside6 для десктоп тулзи", "забудь десктоп, це під андроїд")
    assert after.frameworks[0] == "kivy"


def test_the_same_question_of_another_framework_after_a_fit(engine: Engine) -> None:
    r = talk(engine, "is flask good for a big shop?", "and django?")
    assert r.intent == "fit" and r.reply.startswith("Yes") and r.frameworks[0] == "django"


def test_what_a_framework_pulls_in(engine: Engine) -> None:
    r = ask(engine, "скільки залежностей тягне фласк?")
    # a question of what, answered without a yes or a no, with the packages
    assert r.reply.startswith("Flask") and "Werkzeug" in r.reply and "Jinja2" in r.reply
    assert ask(engine, "flask has dependencies?").reply.startswith("Yes")
    # not known: said so, whole
    assert ask(engine, "скільки залежностей тягне pyside6?").reply.startswith("Не скажу напевно")
    # Falcon (pyproject: dependencies = []) and Tornado need only the standard library
    assert ask(engine, "falcon has no dependencies?").reply.startswith("Yes")
    assert ask(engine, "does tornado need any third-party packages?").reply.startswith("No")
    r = talk(engine, "хто автор flask", "ой не фласк а bottle", "а в нього залежності є")
    assert r.reply.startswith("Ні") and r.frameworks[0] == "bottle"


def test_one_file_points_at_the_single_module_framework(engine: Engine) -> None:
    r = ask(engine, "мікросервіс, мінімум залежностей, бажано щоб в один файл влазив")
    assert r.frameworks[0] == "bottle"
    assert ask(engine, "a single-file web framework").frameworks[0] == "bottle"


def test_why_not_a_plain_tool_says_what_each_is_for(engine: Engine) -> None:
    r = talk(engine, "треба щодня збирати ціни з 50 інтернет-магазинів",
             "а чому не просто BeautifulSoup?")
    assert "Beautiful Soup — це розбір HTML" in r.reply and "паралельні запити" in r.reply
    why = talk(engine, "треба щодня збирати ціни з 50 інтернет-магазинів", "чому саме його?")
    assert "Чим Scrapy сильний" in why.reply
    built = talk(engine, "треба щодня збирати ціни з 50 інтернет-магазинів",
                 "а на чому він сам побудований?")
    assert "Twisted" in built.reply and built.intent != "explain"


def test_names_from_other_stacks_ask_for_their_python_counterpart(engine: Engine) -> None:
    rails = ask(engine, "Is there a Rails for Python? Convention over configuration, ORM, admin")
    assert rails.frameworks[0] == "django" and "scrapy" not in rails.frameworks
    assert ask(engine, "Is there a Sinatra for Python?").frameworks[0] == "flask"
    # the stack one comes from is background, not the thing asked about
    celery = ask(engine, "Is Celery the go-to in Python, like Sidekiq in Ruby?")
    assert "Celery" in celery.reply and "ruby" not in celery.reply.casefold()
    fpm = ask(engine, "а що в пайтоні як php-fpm, тобто чим крутити апку за nginx?")
    assert "Gunicorn" in fpm.reply
    assert "Ruff" in ask(engine, "ESLint + Prettier equivalent for Python?").reply
    assert "HTTPX" in ask(engine, "що як axios для пайтону?").reply
    spring = ask(engine, "Can you walk me through choosing a framework step by step? "
                         "I'm coming from Spring.")
    assert spring.reply.endswith("?") and spring.intent == "recommend"


def test_django_is_mvc_under_other_names(engine: Engine) -> None:
    assert ask(engine, "is django MVC?").reply.startswith("Yes. Django calls its pattern MTV")
    # "не mvc, а mtv" claims MTV, which holds
    assert ask(engine, "в джанго ж не mvc а mtv?").reply.startswith("Так")
    assert ask(engine, "is django classic mvc?").reply.startswith("No")


def test_dependency_injection_is_asked_of_the_one_in_view_or_of_all(engine: Engine) -> None:
    steps = ("привіт, я джавіст, хочу в пайтон веб", "а що ближче до спрінгу по принципу "
             "'все з коробки'?")
    r = talk(engine, *steps, "а DI-контейнер там є як у спрінгу?")
    assert r.reply.startswith("Ні") and r.frameworks[0] == "django"
    which = talk(engine, *steps, "а DI-контейнер там є як у спрінгу?",
                 "а в якому фреймворку є DI?")
    assert which.frameworks[0] == "fastapi" and "litestar" in which.frameworks
    makers = talk(engine, *steps, "а DI-контейнер там є як у спрінгу?",
                  "а в якому фреймворку є DI?", "і його зробили ті ж люди, що й джанго?")
    assert makers.reply.startswith("Ні") and "Ramírez" in makers.reply


def test_a_framework_said_to_be_for_something_else_is_a_fit(engine: Engine) -> None:
    r = ask(engine, "falcon - це фреймворк для десктопних GUI?")
    assert r.reply.startswith("Ні") and r.frameworks[0] == "falcon"
    assert ask(engine, "is pyside6 a framework for desktop GUIs?").reply.startswith("Yes")


def test_a_not_reaches_along_a_list_of_features(engine: Engine) -> None:
    r = ask(engine, "треба API з типами і автодокою, але БЕЗ шаблонів, адмінки і ORM з коробки")
    assert r.frameworks[0] == "fastapi" and "django" not in r.frameworks
    # a need's own "без" reaches nothing past it
    assert ask(engine, "без залежностей, один файл, закинути на роутер").frameworks[0] == "bottle"
    # a new wish after the feature is wanted
    batteries = ask(engine, "без мікрофреймворків, хочу все з коробки: адмінка, орм, міграції")
    assert batteries.frameworks[0] == "django"
    assert ask(engine, "не треба шаблонів, тільки json апі, без зайвого").frameworks[0] == "fastapi"
    r = ask(engine, "хочу як express: мінімалізм, без ORM, без адмінки, без магії, "
                    "і async мені не треба")
    assert r.frameworks[0] == "flask"
    dash = talk(engine, "I need a data dashboard for my team",
                "Not Streamlit - we tried it and hated the rerun model",
                "And no Django, we don't need models or admin")
    assert dash.frameworks[0] == "dash"


def test_a_partly_async_framework_is_not_sync_only(engine: Engine) -> None:
    assert ask(engine, "is django sync only?").reply.startswith("No")
    assert ask(engine, "django тільки синхронний?").reply.startswith("Ні")
    assert ask(engine, "is bottle sync only?").reply.startswith("Yes")


def test_a_comparison_on_typing_and_the_order_named(engine: Engine) -> None:
    steps = ("порівняй джанго і фастапі, я зі спрінгу", "в якого з них є адмінка?",
             "а який краще по типізації?")
    r = talk(engine, *steps)
    assert r.reply.startswith("FastAPI краще працює з типами")
    # "the second of them" is the second named, whichever the comparison put first
    second = talk(engine, *steps, "а другий з них на чому побудований?")
    assert second.frameworks[0] == "fastapi" and "Starlette" in second.reply
    older = talk(engine, "торнадо чи aiohttp для вебсокетів", "а другий ще й клієнтом може бути?",
                 "а перший старший?")
    assert older.reply.startswith("Так. Tornado старіший")


def test_unpunctuated_statements_are_checked(engine: Engine) -> None:
    assert ask(engine, "стрімліт від гугла").reply.startswith("Ні")
    assert ask(engine, "скрапі на твістеді").reply.startswith("Так")
    assert ask(engine, "aiohttp тільки клієнт").reply.startswith("Ні")
    # what it is not for, said as a statement, is still confirmed as said
    assert ask(engine, "scrapy не для сайтів").reply.startswith("Так")
    assert talk(engine, "розкажи про ківі", "на айфон можна").reply.startswith("Так")
    # a name alone is still a request to describe it
    assert ask(engine, "django").intent == "describe"


def test_neither_framework_for_a_job_of_its_own(engine: Engine) -> None:
    r = ask(engine, "фастапі чи джанго для телеграм бота?")
    assert r.reply.startswith("Ні, FastAPI і Django для цього") and "aiogram" in r.reply
    # a job done on the frameworks compared is no such job ("worth switching" names no
    # network switch, a touchscreen on a Raspberry Pi is what Kivy does)
    assert ask(engine, "litestar vs fastapi, worth switching?").intent == "compare"
    assert ask(engine, "ківі чи pyside6 для тачскріна на raspberry pi?").intent == "compare"


def test_a_framework_ruled_out_is_no_subject_of_a_claim(engine: Engine) -> None:
    r = talk(engine, "хочу дашборд",
             "і не стрімліт, мені не подобається як він перезапускає скрипт")
    assert r.frameworks[0] == "dash" and r.intent == "recommend"


def test_phone_words(engine: Engine) -> None:
    assert ask(engine, "прив").intent == "greet"
    # "хай" inside a message says "let", no greeting
    r = ask(engine, "ладно забудь телефон, хай буде в браузері але з логіном для кожного менеджера")
    assert r.intent == "recommend" and r.frameworks[0] == "django"
    assert "MicroPython" in ask(engine, "ардуінка на пайтоні можна").reply
    assert ask(engine, "прога для складу на комп").frameworks[0] == "pyside6"
    assert ask(engine, "сайт на компі запустити").frameworks[0] != "pyside6"
    assert "Briefcase" in talk(engine, "розкажи про тогу", "а її чим пакувати?").reply
    assert "Bolt" in ask(engine, "Slack-бот для команди, що юзати?").reply
    assert ask(engine, "колеги з рубі питають: що в пайтоні для краулінгу?").frameworks[0] == (
        "scrapy")


def test_guided_choice_opens_with_a_question(engine: Engine) -> None:
    for text in ("guide me step by step to pick a framework", "quiz me to find the right framework",
                 "не знаю що вибрати, я з пхп. поспитуй мене що мені треба",
                 "проведи мене по кроках до вибору стеку для стартапу"):
        r = ask(engine, text)
        assert r.reply.endswith("?") and r.intent == "recommend", text


def test_how_two_differ_is_a_comparison_and_part_of_which_project_whose(engine: Engine) -> None:
    r = ask(engine, "чим фастапі відрізняється від старлета?")
    assert r.intent == "compare" and "надбудова над Starlette" in r.reply
    assert ask(engine, "фласк від палетс?").reply.startswith("Так")
    assert "Pylons Project" in ask(engine, "Pyramid is part of which project?").reply
    # "on top of my django project" asks for a REST add-on, not whose project Django is
    assert "REST framework" in ask(engine, "how do i build a rest api on top of my existing "
                                           "django project").reply


def test_another_stacks_words_name_no_tool_and_no_feature(engine: Engine) -> None:
    r = ask(engine, "джанго вміє websocket-и з коробки, як socket.io в ноді?")
    assert r.reply.startswith("Ні") and "Channels" in r.reply and r.frameworks == ("django",)
    m = talk(engine, "tell me about django", "Does it have something like ActiveRecord migrations?")
    assert m.reply.startswith("Yes") and "migrate" in m.reply
    # with nothing in view, a templating job asked of Python still lists its engines
    assert "Jinja" in ask(engine, "шаблонізатор як blade в пайтоні є?").reply
    kv = talk(engine, "розкажи про ківі", "а інтерфейс описується в XML як в андроїді?")
    assert kv.reply.startswith("Ні") and "KV" in kv.reply
