"""The app's routers, one module per page group; /api last so page paths read first."""
from __future__ import annotations

from taizhang.web.routes import (
    analysis_docs,
    analysis_units,
    api,
    auth_routes,
    calendar,
    dashboard,
    documents,
    duban,
    exports,
    links,
    tasks,
    units,
)

ROUTERS = [auth_routes.router, dashboard.router, documents.router, tasks.router, units.router,
           duban.router, calendar.router, exports.router, analysis_docs.router,
           analysis_units.router, links.router, api.router]
