"""A helper for tests of paginated lists."""

import html
import re


def next_link(response) -> str:
    """The page's "Next" link: the query string ``{% querystring %}`` wrote, unescaped."""
    link = re.search(r'rel="next" href="([^"]+)"', response.content.decode())
    assert link, "no link to the next page"
    return html.unescape(link.group(1))
