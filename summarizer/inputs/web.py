"""Reports by URL: fetched with httpx within limits, optionally through an attachment link.

Limits: a timeout per request (each read, and the whole answer), a cap on the body (read as a stream, so a
huge answer is cut off, never held), a bound on redirects (followed here, one
by one, so each hop is checked). The bytes are then read like a file: the
kind by its content, the encoding by the same detection as files (a
``charset`` in the header is not trusted: Chinese government sites often
declare gb2312 and serve UTF-8).

``public_only`` is the guard a server needs (SSRF): every hop's host is
resolved and refused when any of its addresses is loopback, private,
link-local (cloud metadata lives at 169.254.169.254), shared, reserved or
multicast - unless it lies in ``allowed_networks`` - and the connection then
goes to the address that was checked (TLS still verifies the host name), so a
second DNS answer cannot swap it.

A page whose report is only an attachment (``相关附件：….pdf``) is followed to
the attachment when asked.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import html as lxml_html

from summarizer.errors import InputError
from summarizer.inputs.detect import DOCUMENT_SUFFIXES, detect_kind, suffix_of

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_REPORT_WORDS = ("报告", "報告")


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch and, for servers, which addresses may be reached."""

    timeout_s: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "summarizer (+https://pypi.org/project/summarizer/)"
    public_only: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()


@dataclass(frozen=True)
class Fetched:
    """What a URL gave: its bytes, the address they came from and the way there."""

    url: str
    data: bytes
    content_type: str
    via: tuple[str, ...] = field(default_factory=tuple)  # the page an attachment was linked from


def fetch_report(url: str, policy: FetchPolicy, *, follow_attachments: bool = False) -> Fetched:
    """The report at ``url``; with ``follow_attachments``, a page's linked report
    document (PDF/Word) instead of the page. Raises ``InputError`` on any failure."""
    page = fetch(url, policy)
    if not follow_attachments or detect_kind(page.data, suffix_of(page.url)) != "html":
        return page
    links = attachment_links(page.data, page.url)
    if not links:
        return page
    attachment = fetch(links[0], policy)
    return Fetched(attachment.url, attachment.data, attachment.content_type, via=(page.url,))


def attachment_links(page: bytes, base_url: str) -> list[str]:
    """Absolute URLs of the documents (PDF, Word) a page links, the report-like first.

    A link counts when its address or its text ends in a document suffix
    (sites link ``download.jsp?id=…`` with the file name as the text)."""
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    found: list[tuple[int, int, str]] = []
    for order, a in enumerate(tree.iter("a")):
        href = (a.get("href") or "").strip()
        text = a.text_content().strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if suffix_of(href) in DOCUMENT_SUFFIXES or suffix_of(text) in DOCUMENT_SUFFIXES:
            report_like = any(w in text or w in href for w in _REPORT_WORDS)
            found.append((0 if report_like else 1, order, urljoin(base_url, href)))
    return [url for _, _, url in sorted(found)]


def fetch(url: str, policy: FetchPolicy) -> Fetched:
    """GET ``url`` within ``policy``, following redirects one checked hop at a time."""
    current = url.strip()
    with httpx.Client(timeout=policy.timeout_s, follow_redirects=False, trust_env=not policy.public_only,
                      headers={"User-Agent": policy.user_agent}) as client:
        for _ in range(policy.max_redirects + 1):
            started = time.monotonic()
            request = _request(client, current, policy)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise InputError(f"no answer within {policy.timeout_s:g} s", source=current,
                                 hint="retry later, or download the report and give the file") from exc
            except httpx.HTTPError as exc:
                raise InputError(f"cannot fetch the address: {exc}", source=current,
                                 hint="check the address and the network") from exc
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise InputError(f"the server answered HTTP {response.status_code}", source=current,
                                     hint="check the address; the page may have moved or need a login")
                data = _read_capped(response, policy, current, started)
                return Fetched(current, data, response.headers.get("content-type", ""))
            finally:
                response.close()
    raise InputError(f"more than {policy.max_redirects} redirects", source=url,
                     hint="open the address in a browser and give the final one")


def _request(client: httpx.Client, url: str, policy: FetchPolicy) -> httpx.Request:
    """The GET of ``url``; with ``public_only``, to the checked address of its host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("only http:// and https:// addresses can be fetched", source=url,
                         hint="give a web address, or the report as a file")
    if not policy.public_only:
        return client.build_request("GET", url)
    address = _checked_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                               policy, url)
    # Connect to the address checked, not to a second DNS answer; Host and TLS keep the name.
    host = f"[{address}]" if address.version == 6 else str(address)
    pinned = parts._replace(netloc=f"{host}:{parts.port}" if parts.port else host).geturl()
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1]}
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return client.build_request("GET", pinned, headers=headers, extensions=extensions)


def _checked_address(host: str, port: int, policy: FetchPolicy, url: str):
    """The first address ``host`` resolves to, after checking that every one may be reached."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"the host name does not resolve: {host}", source=url,
                         hint="check the address") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    for address in addresses:
        if not is_public(address, policy.allowed_networks):
            raise InputError(
                f"refused: {host} resolves to {address}, which is not a public address",
                source=url,
                hint="this server fetches only public web addresses; upload the report instead",
            )
    return addresses[0]


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address,
              allowed: Sequence[IPNetwork] = ()) -> bool:
    """True for a globally routable unicast address, or one inside ``allowed``."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    if any(address in network for network in allowed):
        return True
    return address.is_global and not address.is_multicast


def _read_capped(response: httpx.Response, policy: FetchPolicy, url: str, started: float) -> bytes:
    """The body, refused past ``max_bytes`` or when it takes longer than the timeout in
    all (httpx's timeout bounds each read, so a server dripping bytes could hold on)."""
    too_big = InputError(f"the answer is larger than the limit of {policy.max_bytes:,} bytes", source=url,
                         hint="raise SUMMARIZER_FETCH_MAX_BYTES, or download the report and give the file")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > policy.max_bytes:
            raise too_big
        if time.monotonic() - started > policy.timeout_s:
            raise InputError(f"the answer took longer than {policy.timeout_s:g} s", source=url,
                             hint="retry later, or download the report and give the file")
        chunks.append(chunk)
    return b"".join(chunks)
