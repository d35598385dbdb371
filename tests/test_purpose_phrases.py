"""A purpose's own words are the purpose, and ordinary words are never names.

"збирати ціни конкурентів" is scraping, not the "збирати" (build) of a
framework's run attribute; "bulk renames photos" is what a desktop tool does,
not a question about a framework's history; "parsing prices from shops" is
scraping shops, not building one; "для того щоб" names no Toga (Ukrainian
function words are never taken for misspelled framework names).
"""

from __future__ import annotations

from asking import ask

from fwbot.engine import Engine


def test_collecting_prices_is_scraping_not_building(engine: Engine) -> None:
    r = ask(engine, "чи годиться scrapy щоб збирати ціни конкурентів для пекарні?")
    assert r.reply.startswith("Так") and r.frameworks[0] == "scrapy"
    assert "startproject" not in r.reply


def test_parsing_prices_from_shops_is_no_shop_to_build(engine: Engine) -> None:
    r = ask(engine, "is scrapy good for parsing prices from shops?")
    assert r.reply.startswith("Yes") and "django" not in r.frameworks


def test_a_tool_that_renames_files_asks_no_history(engine: Engine) -> None:
    r = ask(engine, "pyside6 for a desktop utility that bulk renames photos? windows + mac")
    assert r.reply.startswith("Yes") and r.frameworks[0] == "pyside6"
    assert "Windows" in r.reply and "macOS" in r.reply


def test_a_platform_inside_a_purpose_is_still_asked(engine: Engine) -> None:
    r = ask(engine, "does textual work on windows")
    assert r.reply.startswith("Yes") and r.frameworks[0] == "textual"


def test_renamed_still_asks_the_history(engine: Engine) -> None:
    r = ask(engine, "was litestar renamed?")
    assert r.reply.startswith("Yes") and "Starlite" in r.reply


def test_a_function_word_is_no_framework_name(engine: Engine) -> None:
    r = ask(engine, "fastapi норм для того щоб віддавати ml модель через api?")
    assert r.frameworks == ("fastapi",) and r.reply.startswith("Так")


def test_inflected_toga_is_toga(engine: Engine) -> None:
    r = ask(engine, "а тогу можна на айфон?")
    assert r.frameworks[0] == "toga" and r.reply.startswith("Так")


def test_selling_an_app_asks_the_license(engine: Engine) -> None:
    r = ask(engine, "can i sell an app made with kivy?")
    assert r.reply.startswith("Yes") and "MIT" in r.reply
    r = ask(engine, "чи можна продавати програму на pyside6 з закритим кодом?")
    assert r.reply.startswith("Так") and "LGPL" in r.reply


def test_dead_asks_whether_it_lives_whatever_else_is_said(engine: Engine) -> None:
    r = ask(engine, "торнадо мертвий, його ніхто не підтримує")
    assert r.reply.startswith("Ні") and "6.6.1" in r.reply
    r = ask(engine, "is tornado dead? nobody maintains it")
    assert r.reply.startswith("No") and "FriendFeed" not in r.reply


def test_a_server_like_uvicorn_is_no_question_of_kind(engine: Engine) -> None:
    r = ask(engine, "чи можна запустити джанго під asgi сервером типу uvicorn?")
    assert r.reply.startswith("Так") and "Uvicorn" in r.reply
