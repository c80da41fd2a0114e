"""Meta Business Suite's post export (Insights > Content > Export): Facebook Pages and
Instagram accounts alike, one row per post; which platform a row is, its permalink's host says."""

from __future__ import annotations

from collectors.platform import PostExport

META_EXPORT = PostExport(
    name="meta",
    label="Meta Business Suite",
    columns={
        "post_id": ("Post ID", "ID de la publicación"),
        "account_id": ("Page ID", "Account ID", "ID de la página", "ID de la cuenta"),
        "account": ("Page name", "Account username", "Nombre de la página", "Nombre de usuario"),
        "title": ("Title", "Título"),
        "text": ("Description", "Post message", "Message", "Descripción", "Mensaje"),
        "published_at": ("Publish time", "Hora de publicación", "Fecha de publicación"),
        "url": ("Permalink", "Enlace permanente"),
        "media_type": ("Post type", "Tipo de publicación"),
        "reactions": ("Reactions", "Likes", "Reacciones", "Me gusta"),
        "comments": ("Comments", "Comentarios"),
        "shares": ("Shares", "Veces que se compartió", "Compartidos"),
        "views": ("Views", "Visualizaciones"),
        "saves": ("Saves", "Guardados"),
    },
    signature=("Post ID",),
    alternatives=("Publish time", "Page ID", "Account ID", "Permalink"),
    # The English export writes 03/15/2021 09:05.
    day_first=False,
)
