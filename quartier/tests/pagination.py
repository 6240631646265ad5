"""Helpers for tests of paginated lists."""

import html
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit


def next_link(response) -> str:
    """The page's "Next" link: the query string ``{% querystring %}`` wrote, unescaped."""
    return _link(response, "next")


def previous_link(response) -> str:
    """The page's "Previous" link, unescaped."""
    return _link(response, "prev")


def _link(response, rel: str) -> str:
    link = re.search(rf'rel="{rel}" href="([^"]+)"', response.content.decode())
    assert link, f"no {rel} link"
    return html.unescape(link.group(1))


def has_link(response, rel: str) -> bool:
    return f'rel="{rel}"' in response.content.decode()


def walk(client, url: str, params: dict, shown: Callable[[object], list]) -> tuple[list, list]:
    """Follow "Next" from the first page to the last, then "Previous" back to the first,
    as a user would by clicking; returns (the pages going forward, the pages going
    back, last page first), each page the list ``shown(response)`` gives.

    Asserts that every link keeps the filter (``params``) and that the first page has
    no "Previous" and the last no "Next".
    """
    response = client.get(url, params)
    assert response.status_code == 200
    assert not has_link(response, "prev")
    forward = [shown(response)]
    while has_link(response, "next"):
        response = _follow(client, url, next_link(response), params)
        forward.append(shown(response))
    backward = [forward[-1]]
    while has_link(response, "prev"):
        response = _follow(client, url, previous_link(response), params)
        backward.append(shown(response))
    return forward, backward


def _follow(client, url: str, link: str, params: dict):
    query = dict(parse_qsl(urlsplit(link).query))
    for key, value in params.items():
        assert query.get(key) == str(value), f"the link lost {key}: {link}"
    response = client.get(url + link)
    assert response.status_code == 200
    return response
