"""Rendering a Word template safely: one place for the docxtpl traps.

Sandboxed Jinja (a template staff edited cannot run code), autoescape (without it `&` truncates
text and `<` deletes every later paragraph), StrictUndefined (a misspelt variable is an error,
not an empty spot), XML-illegal control characters stripped, document properties set with
python-docx after rendering (variables there would be escaped twice), a new template per
document, and an atomic write.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..dutch import strip_control
from ..files import atomic

PICTURE_WIDTH_MM = 160


def clean(value: Any) -> Any:
    """Strip control characters from every string in a context (dicts, lists, tuples).

    A line break pasted from Word (\x0b) or a lone CR stays a line break: docxtpl turns "\n"
    in a value into <w:br/>."""
    if isinstance(value, str):
        return strip_control(value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n"))
    if isinstance(value, Mapping):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def jinja_env() -> Any:
    """The one Jinja environment for Word templates: sandboxed, autoescaped, strict."""
    # jinja2, python-docx and docxtpl load only when a document is made: 0.2 s off every check.
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def render_docx(template: str | os.PathLike[str], context: Mapping[str, Any], out: str | os.PathLike[str],
                pictures: Mapping[str, bytes | None] | None = None, title: str = "", subject: str = "",
                widths: Mapping[str, float] | None = None) -> Path:
    """Render `template` with `context` into `out`. `pictures` are PNGs by context name (None: left out),
    `widths` their width in mm where not PICTURE_WIDTH_MM."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    out = Path(out)
    tpl = DocxTemplate(str(template))
    ctx = clean(dict(context))
    for name, png in (pictures or {}).items():
        width = Mm((widths or {}).get(name, PICTURE_WIDTH_MM))
        ctx[name] = InlineImage(tpl, io.BytesIO(png), width=width) if png else None
    tpl.render(ctx, jinja_env=jinja_env())
    props = tpl.docx.core_properties
    props.title, props.subject, props.author, props.comments = (
        strip_control(title), strip_control(subject), "werkboek", "")
    props.last_modified_by = "werkboek"
    with atomic(out) as tmp:
        tpl.save(str(tmp))
    return out
