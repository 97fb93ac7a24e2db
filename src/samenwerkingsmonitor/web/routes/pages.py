"""Reading pages: the home of a cooperation, one subject, the framework."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from samenwerkingsmonitor.domain.access import Role
from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.use_cases import FrameworkRequest, show_framework
from samenwerkingsmonitor.services.report.model import ReportModel
from samenwerkingsmonitor.web.context import Viewer, guard, require_subject, wiring
from samenwerkingsmonitor.web.permissions import may
from samenwerkingsmonitor.web.render import page
from samenwerkingsmonitor.web.views import latest_run, scoped

router = APIRouter(include_in_schema=False)


def _title(viewer: Viewer) -> str:
    organisation = viewer.organisation
    if organisation is None:
        return _("Overzicht")
    names = [c.name for c in organisation.cooperations if viewer.scope.sees(c.slug)]
    return names[0] if len(names) == 1 else _("Overzicht")


def run_model(request: Request, run_id: str) -> ReportModel:
    return request.app.state.runs.get(run_id)  # type: ignore[no-any-return]


@router.get("/", name="home")
def home(request: Request, viewer: Annotated[Viewer, Depends(guard("home"))]) -> Response:
    run = latest_run(wiring(request), viewer.scope)
    if run is None:
        return page(request, "home.html", viewer, title=_title(viewer), run=None)
    model = run_model(request, run.id)
    view = scoped(model, viewer.scope)
    names = {s.subject_id: s.name for s in model.sections}
    missing = Counter(g.subject for g in model.gaps if g.year == run.last_year)
    missing_by_name = [(names.get(subject, subject), count)
                       for subject, count in sorted(missing.items())
                       if viewer.scope.sees(subject) or subject in names.values()]
    return page(request, "home.html", viewer, title=_title(viewer), run=run, model=model,
                matrices=view.matrices, missing=missing_by_name,
                concept_framework=model.cover.adoption != "vastgesteld",
                example_norms=sum(1 for n in model.norms if n.example))


@router.get("/onderwerpen/{subject:path}", name="subject")
def subject(request: Request, subject: str,
            viewer: Annotated[Viewer, Depends(guard("subject"))],
            run: str | None = None) -> Response:
    require_subject(request, viewer, subject)
    run_id = run or _latest_with(request, viewer, subject)
    model = run_model(request, run_id)
    section = next((s for s in model.sections if s.subject_id == subject), None)
    if section is None:
        raise NotFound(_("Onderwerp {subject} komt niet voor in toetsing {run}.")
                       .format(subject=subject, run=model.run_id))
    vulnerability = next((v for v in model.vulnerability if v.subject_id == subject), None)
    costs = [c for c in model.costs if c.subject_id == subject]
    return page(request, "subject.html", viewer, title=section.name, section=section,
                run_id=model.run_id, vulnerability=vulnerability, costs=costs,
                history_link=may("history", viewer.roles))


def _latest_with(request: Request, viewer: Viewer, subject: str) -> str:
    from samenwerkingsmonitor.web.views import runs

    for summary in runs(wiring(request), viewer.scope):
        if subject in summary.subjects:
            return summary.id
    raise NotFound(_("Er is nog geen toetsing van {subject}.").format(subject=subject))


@router.get("/kader", name="framework")
def framework(request: Request, viewer: Annotated[Viewer, Depends(guard("framework"))],
              id: str | None = None) -> Response:
    ports = wiring(request)
    run = latest_run(ports, viewer.scope)
    reference = id or ("standaardkader" if run is None else run.framework)
    try:
        shown = show_framework(FrameworkRequest(reference), ports)
    except NotFound:  # a run's own framework file that is not bundled: show the bundled one
        shown = show_framework(FrameworkRequest("standaardkader"), ports)
    norms = {} if run is None else {n.norm_id: n for n in run_model(request, run.id).norms}
    return page(request, "framework.html", viewer, title=shown.framework.title,
                tree=shown.description, burden=shown.burden, norms=norms,
                may_edit=Role.ADMIN in viewer.roles)
