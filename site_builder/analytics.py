"""The site's analytics settings as its pages carry them (``helpkit: analytics:``; EVENTS.md fixes the events
and each provider's format, ``hk-site.js`` sends them). Unset, pages carry nothing and load no script."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from helpkit.config import AnalyticsConfig


@dataclass(frozen=True, slots=True)
class Analytics:
    """Where and how the site's JavaScript sends events."""

    provider: str
    """``plausible``, ``umami``, ``ga4`` or ``custom``."""
    endpoint: str
    """The URL events are POSTed to (empty for GA4: gtag.js sends them)."""
    domain: str = ""
    """Plausible: the site's domain in Plausible."""
    website_id: str = ""
    """Umami: the website ID."""
    measurement_id: str = ""
    """GA4: the measurement ID (the page loads gtag.js with it)."""
    queries: bool = True
    """Whether events carry the (redacted) query text."""

    @classmethod
    def from_config(cls, config: AnalyticsConfig) -> Analytics | None:
        """The settings of a validated ``analytics:`` section; None when no provider is set."""
        if config.provider is None:
            return None
        return cls(provider=config.provider, endpoint=config.endpoint, domain=config.domain or "",
                   website_id=config.website_id or "", measurement_id=config.measurement_id or "",
                   queries=bool(config.queries))

    def page_data(self) -> dict[str, object]:
        """What the page template embeds for hk-site.js (JSON)."""
        return asdict(self)
