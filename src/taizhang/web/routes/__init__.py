"""The app's routers, one module per page group.

/api first: FastAPI tries the routers in order, route by route, and the reports units post
there are the busiest requests (last, they were tried against every page route first). No
page path starts with /api, so the order decides nothing else.
"""
from __future__ import annotations

from taizhang.web.routes import (
    analysis_docs,
    analysis_units,
    api,
    api_docs,
    auth_routes,
    calendar,
    dashboard,
    documents,
    duban,
    exports,
    links,
    notices,
    project_views,
    projects,
    projects_api,
    tasks,
    units,
)

# project_views before projects: /projects/ranking is not /projects/{project_id}
ROUTERS = [api.router, projects_api.router, api_docs.router, auth_routes.router, dashboard.router,
           documents.router, tasks.router, units.router, duban.router, calendar.router,
           exports.router, analysis_docs.router, analysis_units.router, links.router,
           notices.router, project_views.router, projects.router]
