"""Errors of the JSON API as application/problem+json (RFC 9457), with the same located
problems as the command line prints."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from samenwerkingsmonitor.errors import InputRefused, SamenwerkingsmonitorError

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, *, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def problem_from_error(status: int, error: SamenwerkingsmonitorError) -> JSONResponse:
    problems = []
    if isinstance(error, InputRefused):
        problems = [{"file": i.location.file, "sheet": i.location.sheet, "row": i.location.row,
                     "column": i.location.column, "cell": i.location.cell,
                     "message": i.message, "hint": i.hint, "text": i.describe()}
                    for i in error.report.issues]
    return problem(status, type(error).__name__, str(error), problems=problems)
