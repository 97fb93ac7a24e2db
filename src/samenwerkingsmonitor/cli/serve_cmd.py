"""`serve [--host] [--port] [--demo] [--theme FILE]`: the web application (docs/beheer.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from samenwerkingsmonitor.cli.app import app, console, settings, wiring
from samenwerkingsmonitor.i18n import _

APP_FACTORY = "samenwerkingsmonitor.web.app:app_from_environment"


@app.command("serve", help=_("Start de webapplicatie. Met --demo: de demodatabase met één "
                             "account per rol; de wachtwoorden worden één keer getoond."))
def serve_command(
    host: Annotated[str, typer.Option("--host", help=_("Adres om op te luisteren."))] =
        "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help=_("Poort."))] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help=_(
        "Gebruik de demodatabase (samenwerkingsmonitor-demo) met een account per rol."))] = False,
    theme: Annotated[Path | None, typer.Option("--theme", help=_(
        "CSS-bestand met de huisstijl van de gemeente (CSS custom properties)."))] = None,
    proxy: Annotated[bool, typer.Option("--proxy", help=_(
        "Achter een reverse proxy: neem het adres van de bezoeker uit X-Forwarded-For."))]
        = False,
) -> None:
    import uvicorn

    database = settings.database
    if demo:
        from samenwerkingsmonitor.cli.demo_cmd import DEMO_DIR
        from samenwerkingsmonitor.services.demo.use_cases import demo_accounts, prepare_demo

        demo_wiring = prepare_demo(DEMO_DIR, settings.user, wiring())
        database = demo_wiring.database
        console.print(_("Demo-accounts (de wachtwoorden gelden tot de volgende start met "
                        "--demo):"), markup=False)
        for secret in demo_accounts(demo_wiring, settings.user):
            console.print(f"  {secret.username:<24} {secret.secret}", markup=False)
    # The CLI never imports the web package (tests/architecture): it hands uvicorn the app
    # factory by name, configured through the environment like any ASGI server would.
    os.environ["SAMENWERKINGSMONITOR_DATABASE"] = database
    os.environ["SAMENWERKINGSMONITOR_LANG"] = settings.lang
    if theme is not None:
        os.environ["SAMENWERKINGSMONITOR_THEME_CSS"] = str(theme.resolve())
    console.print(_("De webapplicatie draait op http://{host}:{port}/ (stoppen: Ctrl+C).")
                  .format(host=host, port=port), markup=False)
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, proxy_headers=proxy,
                forwarded_allow_ips="*" if proxy else None, log_level="warning")
