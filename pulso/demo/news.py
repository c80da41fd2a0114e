"""The demo's news outlets: RSS feeds and article pages, dated relative to the demo's day.

Served to the real news collector through the replay transport (hosts are ignored there,
so each outlet's paths start with its own folder). Some articles mention the office, some
do not: the matcher has to tell them apart.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Any
from zoneinfo import ZoneInfo

BOGOTA = ZoneInfo("America/Bogota")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    medium: str
    host: str
    folder: str

    @property
    def feed_url(self) -> str:
        return f"https://{self.host}/{self.folder}/rss.xml"


@dataclass(frozen=True, slots=True)
class Story:
    days_ago: int
    slug: str
    title: str
    paragraphs: tuple[str, ...]


OUTLETS = (
    Outlet("El País", "print", "elpais.demo.invalid", "elpais"),
    Outlet("Noticiero 90 Minutos", "tv", "90minutos.demo.invalid", "90minutos"),
    Outlet("Caracol Radio", "radio", "caracol.demo.invalid", "caracol"),
    # The office's own portal (`own = true` in the demo's pulso.toml): its items are the
    # office's web publications for the PAAC, never mentions.
    Outlet("Portal Alcaldía de Cali", "web", "portal.demo.invalid", "portal"),
)

STORIES = (
    Story(
        1,
        "cierres-calle-quinta",
        "Alcaldía de Cali anuncia cierres viales en la calle Quinta",
        (
            "La Alcaldía de Cali, a través de la Secretaría de Movilidad, anunció cierres "
            "viales en la calle Quinta por obras de repavimentación y ampliación de andenes.",
            "Los cierres se harán por tramos y en horario nocturno, entre las 9:00 p. m. y las 5:00 a. m., sobre el corredor que usan cerca de 80.000 vehículos al día.",
            "La recomendación para los conductores es tomar la autopista Simón Bolívar o la carrera 50 como rutas alternas mientras duren los trabajos.",
        ),
    ),
    # A week ago, so always in the last complete week: the weekly report's campaign
    # ("vacunación") and share of voice (the Gobernación del Valle, a [[peers]] entry).
    Story(
        7,
        "vacunacion-comunas",
        "Jornada de vacunación llega a las 22 comunas",
        (
            "La Alcaldía de Santiago de Cali y la Secretaría de Salud instalaron puntos de "
            "vacunación gratuitos en las 22 comunas y los 15 corregimientos, con biológicos "
            "que entregó la Gobernación del Valle.",
            "Las dosis disponibles incluyen influenza, sarampión y el esquema completo para menores de cinco años; no se necesita cita previa.",
            "Los puntos funcionarán de lunes a sábado en centros de salud, colegios y parques, con brigadas móviles para la zona rural.",
        ),
    ),
    Story(
        5,
        "feria-de-cali-rutas",
        "Feria de Cali: estas son las rutas del Salsódromo",
        (
            "La Alcaldía de Cali presentó el plan de movilidad para el Salsódromo y los "
            "conciertos de la Feria, con rutas especiales del MIO hasta la madrugada.",
            "El Salsódromo recorrerá la autopista Sur Oriental con más de 1.800 bailarines de escuelas de salsa de la ciudad.",
            "Habrá cierres desde el mediodía y las estaciones cercanas del MIO operarán con horario extendido hasta las 2:00 a. m.",
        ),
    ),
    Story(
        3,
        "america-clasico",
        "América y Deportivo Cali empatan en un clásico vibrante",
        (
            "América de Cali y Deportivo Cali empataron 2-2 en el estadio Pascual Guerrero "
            "ante más de 30.000 aficionados, en un partido que se definió en el descuento.",
            "Los goles llegaron en el segundo tiempo, con un penalti discutido y un cabezazo en el minuto 94 que desató la celebración visitante.",
            "Ambos equipos siguen en la zona de clasificación a los cuadrangulares, a tres fechas del final del torneo.",
        ),
    ),
    Story(
        9,
        "bicicletas-estudiantes",
        "Entregan 300 bicicletas a estudiantes de colegios oficiales",
        (
            "La Alcaldía de Cali entregó 300 bicicletas a estudiantes de colegios oficiales "
            "del oriente de la ciudad, dentro del programa de movilidad sostenible.",
            "Cada bicicleta incluye casco, chaleco reflectivo y un curso de seguridad vial dictado por agentes de tránsito.",
            "Los estudiantes beneficiados viven a más de tres kilómetros de su colegio y antes dependían del transporte informal.",
        ),
    ),
    Story(
        11,
        "parque-el-ingenio",
        "Abre el nuevo parque del barrio El Ingenio",
        (
            "La Alcaldía de Cali abrió el nuevo parque del barrio El Ingenio, con canchas, "
            "senderos y un gimnasio al aire libre construidos con presupuesto participativo.",
            "La comunidad eligió el diseño en asambleas barriales y participó en la siembra de 140 árboles nativos alrededor de las canchas.",
            "El parque tendrá iluminación LED y vigilancia de la Policía del cuadrante durante las noches.",
        ),
    ),
    Story(
        13,
        "lluvias-valle",
        "Lluvias: el Valle del Cauca en alerta naranja",
        (
            "La Gobernación del Valle declaró la alerta naranja por las lluvias en 18 "
            "municipios; los organismos de socorro piden atender las recomendaciones.",
            "Los ríos Cauca, Pance y Jamundí presentan crecientes y se reportan deslizamientos en vías terciarias de la cordillera.",
            "Las autoridades recomiendan no cruzar quebradas crecidas y reportar emergencias a la línea 123.",
        ),
    ),
)


def stories_for(index: int) -> list[Story]:
    """Each outlet carries four of the seven stories (so some are shared across outlets)."""
    return [STORIES[(2 * index + k) % len(STORIES)] for k in range(4)]


def published(now: datetime, story: Story, index: int) -> datetime:
    local = now.astimezone(BOGOTA) - timedelta(days=story.days_ago)
    return local.replace(hour=7 + 2 * index, minute=15, second=0, microsecond=0)


def article_url(outlet: Outlet, story: Story, when: datetime) -> str:
    return f"https://{outlet.host}/{outlet.folder}/{when:%Y/%m/%d}/{story.slug}/"


def article_html(outlet: Outlet, story: Story, when: datetime, url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "datePublished": when.isoformat(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": [{"@type": "Person", "name": f"Redacción {outlet.name}"}],
        "publisher": {"@type": "Organization", "name": outlet.name},
        "articleSection": "Cali",
    }
    title = html.escape(story.title)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
    return (
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"/>'
        f"<title>{title} | {html.escape(outlet.name)}</title>"
        f'<link rel="canonical" href="{url}"/><meta property="og:title" content="{title}"/>'
        f'<meta property="article:published_time" content="{when.isoformat()}"/>'
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
        f'</head><body><main><article><h1>{title}</h1><time datetime="{when.isoformat()}">'
        f'{when:%d/%m/%Y}</time><div class="article-body">{body}</div></article></main></body></html>'
    )


def feed_xml(outlet: Outlet, items: list[tuple[Story, datetime, str]]) -> str:
    entries = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{url}</link><guid>{url}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{html.escape(s.paragraphs[0])}</description></item>"
        for s, when, url in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(outlet.name)}</title><link>https://{outlet.host}/</link>"
        f"<description>Noticias de Cali</description>{entries}</channel></rss>"
    )


def text_recording(path: str, text: str, content_type: str) -> dict[str, Any]:
    return {
        "request": {"method": "GET", "path": path},
        "response": {"status": 200, "headers": {"content-type": content_type}, "text": text},
    }


def news(now: datetime) -> list[dict[str, Any]]:
    """robots.txt, one feed per outlet and every article page, as replay recordings."""
    recordings = [text_recording("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")]
    for index, outlet in enumerate(OUTLETS):
        items = []
        for story in stories_for(index):
            when = published(now, story, index)
            url = article_url(outlet, story, when)
            items.append((story, when, url))
            page = article_html(outlet, story, when, url)
            path = url.split(outlet.host, 1)[1]
            recordings.append(text_recording(path, page, "text/html; charset=utf-8"))
        feed = feed_xml(outlet, items)
        recordings.append(
            text_recording(f"/{outlet.folder}/rss.xml", feed, "application/rss+xml; charset=utf-8")
        )
    return recordings
