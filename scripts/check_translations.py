"""Fails if any user-facing string lacks a French translation, or a translation is fuzzy or stale.

Runs makemessages into a scratch copy of the catalogue and compares it with the committed one, so a string
added to the code but not to locale/ is caught too.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["fr"]  # msgids are English: English is the source language, complete by construction


def msgids(po: Path) -> set[str]:
    out = subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", str(po)], capture_output=True, text=True, check=True
    ).stdout
    ids, current = set(), None
    for line in out.splitlines():
        if line.startswith(("msgid ", "msgctxt ")):
            current = line
        elif line.startswith("msgstr") and current and current.startswith("msgid ") and current != 'msgid ""':
            ids.add(current)
            current = None
    return ids


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch_root = Path(scratch)
        shutil.copytree(ROOT / "locale", scratch_root / "locale")
        env = {**os.environ, "CADRE_LOCALE_DIR": str(scratch_root / "locale")}
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                *sum((["-l", code] for code in LOCALES), []),
                "--no-location",
                "--ignore=.venv",
                "--ignore=var",
                "--ignore=tests",
                "--ignore=benchmarks",
                "--ignore=scripts",
                "-v0",
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        for code in LOCALES:
            committed = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
            fresh = scratch_root / "locale" / code / "LC_MESSAGES" / "django.po"
            missing = msgids(fresh) - msgids(committed)
            for entry in sorted(missing):
                problems.append(f"{code}: not in the committed catalogue (run make messages): {entry}")
    french = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    for flag, label in (("--only-fuzzy", "fuzzy"), ("--untranslated", "untranslated")):
        out = subprocess.run(
            ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(french)], capture_output=True, text=True, check=True
        ).stdout
        for line in out.splitlines():
            if line.startswith("msgid ") and line != 'msgid ""':
                problems.append(f"fr: {label}: {line}")
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} translation problem(s).")
        return 1
    print("Translations complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
