"""The one error hierarchy of samenwerkingsmonitor.

    SamenwerkingsmonitorError          every error the CLI and web app turn into a message
    ├── UsageError                     wrong use of a command (exit code 2)
    ├── InputRefused                   input or data refused; carries a ValidationReport (exit 1)
    │   ├── FrameworkInvalid           a framework file does not validate
    │   ├── OrganisationInvalid        an organisation file does not validate
    │   └── ImportRefused              a measurement file was refused, nothing stored
    ├── NotFound                       an unknown run, framework, subject (exit 1)
    └── StorageError                   the database cannot be reached or is not migrated (exit 1)

The CLI prints messages in Dutch (English with --lang en); tracebacks only with --debug.
"""

from __future__ import annotations

from samenwerkingsmonitor.domain.validation import ValidationReport


class SamenwerkingsmonitorError(Exception):
    exit_code = 1


class UsageError(SamenwerkingsmonitorError):
    exit_code = 2


class InputRefused(SamenwerkingsmonitorError):
    def __init__(self, message: str, report: ValidationReport | None = None) -> None:
        super().__init__(message)
        self.report = report or ValidationReport()


class FrameworkInvalid(InputRefused):
    pass


class OrganisationInvalid(InputRefused):
    pass


class ImportRefused(InputRefused):
    pass


class NotFound(SamenwerkingsmonitorError):
    pass


class StorageError(SamenwerkingsmonitorError):
    pass
