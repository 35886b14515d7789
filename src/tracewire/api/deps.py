"""Dependencies the routers share, as ``Annotated`` aliases (``ScreenerDep`` ...).

They are ``async`` because none of them blocks: FastAPI would otherwise run each in the
thread pool, a thread hop per dependency per request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request

from tracewire.api.budget import ScreeningPool
from tracewire.api.errors import UnknownDataset
from tracewire.api.runtime import IndexState, Runtime
from tracewire.api.settings import ApiSettings
from tracewire.match.running.engine import Screener
from tracewire.store import Store

#: dataset names that mean "every dataset in the store"
COLLECTIONS = ("default", "sanctions", "all")


async def get_runtime(request: Request) -> Runtime:
    """The app's runtime (store and index)."""
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_settings(request: Request) -> ApiSettings:
    """The app's settings."""
    settings: ApiSettings = request.app.state.settings
    return settings


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]


async def get_pool(request: Request) -> ScreeningPool:
    """The threads screening runs in, with the request time budget."""
    pool: ScreeningPool = request.app.state.screening
    return pool


PoolDep = Annotated[ScreeningPool, Depends(get_pool)]


async def get_index(runtime: RuntimeDep) -> IndexState:
    """The current index (503 while the first is being built)."""
    return runtime.require()


IndexDep = Annotated[IndexState, Depends(get_index)]


async def get_screener(index: IndexDep) -> Screener:
    """The current screener."""
    return index.screener


ScreenerDep = Annotated[Screener, Depends(get_screener)]


async def get_store(runtime: RuntimeDep) -> Store:
    """The entity store."""
    return runtime.store


StoreDep = Annotated[Store, Depends(get_store)]


def resolve_scope(index: IndexState, dataset: str) -> tuple[str, ...]:
    """Datasets a path's ``{dataset}`` stands for: () for a collection (all), else itself."""
    if dataset in COLLECTIONS:
        return ()
    if dataset in index.datasets:
        return (dataset,)
    known = ", ".join([*COLLECTIONS, *sorted(index.datasets)])
    raise UnknownDataset(f"no such dataset: {dataset!r} (known: {known})")


PATH_DATASET = Path(
    description="A dataset name from /catalog, or `default` (every dataset).",
    examples=["default"],
)
