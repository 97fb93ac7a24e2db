"""The one error hierarchy of samenwerkingsmonitor: every error a user can meet is one of these.

    SamenwerkingsmonitorError          every error the CLI and web app turn into a message
    ├── UsageError                     wrong use of a command or option (exit code 2)
    ├── InputRefused                   input or data refused; carries a ValidationReport (exit 1)
    │   ├── FrameworkInvalid           a framework file does not validate
    │   ├── OrganisationInvalid        an organisation file does not validate
    │   ├── ImportRefused              a measurement or vulnerability file, nothing stored
    │   ├── ScenarioInvalid            a scenario set file does not validate, nothing run
    │   ├── BackupRefused              a backup file that cannot be restored, nothing restored
    │   ├── ProcessEventRefused        a process event that cannot be recorded, nothing stored
    │   └── JudgementRefused           a judgement, status change or comment not allowed now
    ├── NotFound                       an unknown run, framework, subject or input (exit 1)
    ├── AccessRefused                  a login, token or action this person may not do (exit 1)
    │   └── LoginThrottled             too many failed logins for an account or an address
    ├── StorageError                   the database cannot be reached, is busy or not migrated
    ├── CalculationError               analysis/ cannot compute with these inputs (exit 1)
    │   ├── FormulaError               a formula outside the grammar, or a name without a value
    │   ├── NormError                  a norm that does not fit its indicator or its values
    │   ├── RollupError                a roll-up rule that cannot combine these verdicts
    │   └── ModelError                 vulnerability model input outside its limits
    └── ReportError                    a report that cannot be written as promised
        └── PdfAccessibilityError      the PDF would not be accessible (tagged, language, alt)

Messages are translated where the error is raised (gettext, Dutch by default); located
problems travel in the ValidationReport of an InputRefused. `refusal` is the one way to build a
refusal. The CLI prints the message (and each located problem) and exits with `exit_code`;
tracebacks only with --debug.
"""

from __future__ import annotations

from typing import TypeVar

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


class ScenarioInvalid(InputRefused):
    pass


class BackupRefused(InputRefused):
    pass


class ProcessEventRefused(InputRefused):
    pass


class JudgementRefused(InputRefused):
    pass


class NotFound(SamenwerkingsmonitorError):
    pass


class AccessRefused(SamenwerkingsmonitorError):
    pass


class LoginThrottled(AccessRefused):
    pass


class StorageError(SamenwerkingsmonitorError):
    pass


class CalculationError(SamenwerkingsmonitorError):
    """Raised by analysis/: the inputs reached a computation that cannot use them."""


class FormulaError(CalculationError):
    """A formula outside the grammar (`position` counts characters from 1, 0 when the formula
    parsed but a name in it has no value)."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class NormError(CalculationError):
    pass


class RollupError(CalculationError):
    pass


class ModelError(CalculationError):
    pass


class ReportError(SamenwerkingsmonitorError):
    pass


class PdfAccessibilityError(ReportError):
    pass


Refused = TypeVar("Refused", bound=InputRefused)


def refusal(error: type[Refused], report: ValidationReport, one: str, many: str,
            **names: object) -> Refused:
    """The refusal of some input: `one` when the report holds one problem, else `many` with
    {count}; both are translated by the caller so that the message catalogue finds them."""
    count = len(report)
    return error((one if count == 1 else many).format(count=count, **names), report)
