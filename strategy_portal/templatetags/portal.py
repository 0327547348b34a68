from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from strategy_portal.middleware import LANGUAGE_PARAMETER

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the current page in each other language (a plain link: works without JavaScript). Following one
    stores the choice (see strategy_portal.middleware.LanguageChoiceMiddleware)."""
    request = context.get("request")
    current = context.get("LANGUAGE_CODE")
    if request is None:
        return []
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        # A path that starts with // would read as another host ("//evil.example/"): keep it a path of this site.
        url = translate_url("/" + request.get_full_path().lstrip("/"), code)
        url += ("&" if "?" in url else "?") + f"{LANGUAGE_PARAMETER}={code}"
        links.append({"code": code, "url": url, "name": info["name_local"]})
    return links


@register.filter
def elided_page_range(page):
    """The page numbers to link around `page` (a Paginator page), with the paginator's ELLIPSIS for the gaps."""
    return page.paginator.get_elided_page_range(page.number)
