"""Take docs/screenshot.png: the overview of "Niger: Irregular Migration" at 1280×800, in French.

Usage: .venv/bin/python scripts/screenshot.py [output.png]

Builds the demo in a throw-away SQLite database, serves it with Django's own WSGI server on a free local
port, signs in as the demo secretariat through the sign-in form in Debian's chromium, and saves the page.
Nothing under var/ is touched.
"""

import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}


def main(output: Path, workdir: Path) -> int:
    if not CHROMIUM.exists():
        print(f"Debian's chromium is missing at {CHROMIUM}: apt-get install chromium", file=sys.stderr)
        return 2
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cadre.settings",
            "SQLITE_PATH": str(workdir / "demo.sqlite3"),
            "CADRE_VAR_DIR": str(workdir),
            "DEBUG": "0",
            "SIGNIN_THROTTLE": "0",
            "LOG_LEVEL": "ERROR",
            # Playwright's sync API runs an event loop in this thread; the Django calls here are synchronous.
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
        }
    )
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.utils import translation
    from django.utils.translation import gettext

    from cadre.workspaces import demo

    with translation.override("fr"):
        if gettext("Sign in") == "Sign in":
            print("The French catalogue is not compiled: run `make compile-messages` first.", file=sys.stderr)
            return 2

    call_command("migrate", verbosity=0)
    demo.load()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"

    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(f"{url}/accounts/sign-in/")
            page.fill("input[name=username]", "secretariat@demo.example.org")
            page.fill("input[name=password]", demo.DEMO_PASSWORD)
            with page.expect_navigation():
                page.click("form.form button[type=submit]")
            page.goto(f"{url}/w/{demo.MAIN_SLUG}/")
            if page.locator("html").get_attribute("lang") != "fr":
                print("The overview is not in French.", file=sys.stderr)
                return 1
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        from django.db import connections

        connections.close_all()
    print(f"Saved {output}")
    return 0


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    workdir = Path(tempfile.mkdtemp(prefix="cadre-screenshot-"))
    try:
        code = main(target.resolve(), workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(code)
