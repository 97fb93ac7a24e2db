"""Who may do what: one declared table, route name × role. Every route of the application
names itself here (a test walks every route with every role and checks this table)."""

from __future__ import annotations

from samenwerkingsmonitor.domain.access import Role

ALL = frozenset(Role)
ADMIN = frozenset({Role.ADMIN})
DATA = frozenset({Role.OFFICIAL})
STARTS_RUNS = frozenset({Role.OFFICIAL, Role.ASSESSOR})
HISTORY = frozenset({Role.OFFICIAL, Role.ASSESSOR, Role.ADMIN})

PUBLIC = frozenset({"login_form", "login", "static", "openapi", "health"})
"""Routes anyone may open, logged in or not."""

PERMISSIONS: dict[str, frozenset[Role]] = {
    # reading: everybody with an account, each within their scope of municipalities
    "logout": ALL,
    "home": ALL,
    "subject": ALL,
    "runs": ALL,
    "run": ALL,
    "framework": ALL,
    "report_download": ALL,
    # starting an assessment: officials of the partners and the assessor
    "run_start": STARTS_RUNS,
    "run_compare": ALL,
    # the assessment as a process (issue 12): the assessor judges, the assessor or the
    # beheerder (for the griffie) moves the status, the guidance group comments
    "run_judge": frozenset({Role.ASSESSOR}),
    "run_status": frozenset({Role.ASSESSOR, Role.ADMIN}),
    "run_comment": frozenset({Role.GUIDANCE}),
    # data: the officials, for their own municipality and the shared teams
    "data": DATA,
    "data_check": DATA,
    "data_save": DATA,
    "workbook_download": DATA,
    "history": HISTORY,
    # beheer
    "accounts": ADMIN,
    "account_add": ADMIN,
    "account_disable": ADMIN,
    "account_enable": ADMIN,
    "account_reset": ADMIN,
    "organisation_upload": ADMIN,
    "audit": ADMIN,
    "audit_export": ADMIN,
    # the JSON API (personal tokens; the token's role counts)
    "api_subjects": ALL,
    "api_runs": ALL,
    "api_findings": ALL,
    "api_verdicts": ALL,
    "api_measurements": frozenset({Role.OFFICIAL, Role.ASSESSOR, Role.ADMIN, Role.GUIDANCE}),
    "api_history": HISTORY,
    "api_import": DATA,
}


def may(route: str, roles: frozenset[Role]) -> bool:
    return route in PUBLIC or bool(PERMISSIONS.get(route, frozenset()) & roles)
