"""Reports by URL: fetched with httpx within limits, optionally through an attachment link.

Limits: one deadline for the whole fetch (every connect, every header byte,
every body byte, every redirect hop and the attachment), enforced by
cancelling the fetch when it passes - per-read timeouts alone let a server
sending one header byte a second hold a caller for ever; a cap on the body
(read as a stream, so a huge answer is cut off, never held); a bound on
redirects (followed here, one by one, so each hop is checked). The bytes are
then read like a file: the kind by its content, the encoding by the same
detection as files (a ``charset`` in the header is not trusted: Chinese
government sites often declare gb2312 and serve UTF-8).

The fetch is asynchronous I/O: a caller with an event loop (the API) awaits
``fetch_report_async`` on it, so a slow site holds no thread and is cancelled
with its caller; ``fetch_report`` runs it on a loop of its own for callers
without one (CLI, batch). Host names are resolved on a small executor of this
module's own (not the event loop's default one), so hanging DNS answers cannot
take the threads everything else uses.

``public_only`` is the guard a server needs (SSRF): every hop's host is
resolved and refused when any of its addresses is loopback, private,
link-local (cloud metadata lives at 169.254.169.254), shared, reserved or
multicast - unless it lies in ``allowed_networks`` - and the connection then
goes to the address that was checked (TLS still verifies the host name), so a
second DNS answer cannot swap it. ``refuse_private_hops`` is the lighter guard
of a person's own command line: the first address may be on their intranet,
but once a hop was public, a redirect or attachment link to a non-public
address is refused (a public page must not make the user's machine reach
its own network).

Every failure - a refused address, a URL that cannot be parsed (``[::1``, a
port out of range), any httpx error while connecting or reading (a short
``Content-Length``, a stalled body, bad gzip) - is an ``InputError``.

A page whose report is only an attachment (``相关附件：….pdf``) is followed to
the attachment when asked.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx
from lxml import html as lxml_html

from summarizer.errors import InputError
from summarizer.inputs.detect import DOCUMENT_SUFFIXES, detect_kind, suffix_of

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_REPORT_WORDS = ("报告", "報告")
_ACCEPTED_ENCODINGS = "gzip, deflate"  # what _read_capped decodes within the byte cap

# Host name lookups (getaddrinfo blocks and cannot be cancelled): a few threads of their own.
# A lookup that hangs holds one of them until the resolver gives up, never a caller past its deadline.
_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="url-dns")

# Prefixes that carry an IPv4 address inside an IPv6 one (RFC 6052 well-known NAT64, RFC 3056 6to4,
# RFC 4291 IPv4-compatible ::a.b.c.d): the embedded address is what a translator or relay will reach,
# so it is what is judged. Refused whole: RFC 8215 local-use NAT64 (64:ff9b:1::/48, a site's own
# translator, whose embedding depends on its prefix length) and Teredo (RFC 4380: a tunnel to any
# IPv4 host through any relay).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_REFUSED_PREFIXES = (ipaddress.ip_network("64:ff9b:1::/48"), ipaddress.ip_network("2001::/32"))


class AnswerTooLargeError(InputError):
    """An answer passed the policy's ``max_bytes`` (so a caller with its own byte budget can say so)."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch and which addresses may be reached."""

    timeout_s: float = 20.0  # the whole fetch: every hop, headers and bodies, and the attachment
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "summarizer (+https://pypi.org/project/summarizer/)"
    public_only: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()
    refuse_private_hops: bool = False


@dataclass(frozen=True)
class Fetched:
    """What a URL gave: its bytes, the address they came from and the way there."""

    url: str
    data: bytes
    content_type: str
    via: tuple[str, ...] = field(default_factory=tuple)  # the page an attachment was linked from


def fetch_report(url: str, policy: FetchPolicy, *, follow_attachments: bool = False) -> Fetched:
    """``fetch_report_async`` for callers without an event loop in their thread (CLI, batch)."""
    return asyncio.run(fetch_report_async(url, policy, follow_attachments=follow_attachments))


def fetch(url: str, policy: FetchPolicy) -> Fetched:
    """``fetch_async`` for callers without an event loop in their thread."""
    return asyncio.run(fetch_async(url, policy))


async def fetch_report_async(url: str, policy: FetchPolicy, *, follow_attachments: bool = False) -> Fetched:
    """The report at ``url``; with ``follow_attachments``, a page's linked report
    document (PDF/Word) instead of the page. All of it within ``policy.timeout_s``.
    Raises ``InputError`` on any failure."""
    async with _deadline(url, policy), _client(policy) as client:
        trail = _Trail()
        page = await _get(client, url, policy, trail)
        if not follow_attachments or detect_kind(page.data, suffix_of(page.url)) != "html":
            return page
        links = attachment_links(page.data, page.url)
        if not links:
            return page
        attachment = await _get(client, links[0], policy, trail)
        return Fetched(attachment.url, attachment.data, attachment.content_type, via=(page.url,))


async def fetch_async(url: str, policy: FetchPolicy) -> Fetched:
    """GET ``url`` within ``policy``, following redirects one checked hop at a time."""
    async with _deadline(url, policy), _client(policy) as client:
        return await _get(client, url, policy, _Trail())


class _deadline:
    """Cancel the body of the ``async with`` when ``policy.timeout_s`` has passed, and say so as an
    ``InputError`` (a watchdog on the whole fetch, whatever it is waiting for)."""

    def __init__(self, url: str, policy: FetchPolicy):
        self.url, self.timeout_s = url, policy.timeout_s
        self._timeout = asyncio.timeout(policy.timeout_s)

    async def __aenter__(self) -> None:
        await self._timeout.__aenter__()

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        # Returns None (never swallows): an exception in the body propagates unchanged.
        try:
            await self._timeout.__aexit__(kind, exc, tb)
        except TimeoutError:
            raise InputError(f"no complete answer within {self.timeout_s:g} s", source=self.url,
                             hint="retry later, raise SUMMARIZER_FETCH_TIMEOUT_S, or download the report "
                             "and give the file") from None


def _client(policy: FetchPolicy) -> httpx.AsyncClient:
    # httpx's own timeouts stay as a second line; the deadline above is what bounds the whole.
    return httpx.AsyncClient(timeout=policy.timeout_s, follow_redirects=False, trust_env=not policy.public_only,
                             headers={"User-Agent": policy.user_agent, "Accept-Encoding": _ACCEPTED_ENCODINGS})


@dataclass
class _Trail:
    """What the hops so far were: whether one was on a public address (for ``refuse_private_hops``)."""

    reached_public: bool = False


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
            try:
                found.append((0 if report_like else 1, order, urljoin(base_url, href)))
            except ValueError:  # an href such as http://[::1 cannot be a link to follow
                continue
    return [url for _, _, url in sorted(found)]


async def _get(client: httpx.AsyncClient, url: str, policy: FetchPolicy, trail: _Trail) -> Fetched:
    """GET ``url``, following redirects one checked hop at a time."""
    current = url.strip()
    for _ in range(policy.max_redirects + 1):
        request = await _request(client, current, policy, trail)
        try:
            response = await client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise InputError(f"no answer within {policy.timeout_s:g} s", source=current,
                             hint="retry later, or download the report and give the file") from exc
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise InputError(f"cannot fetch the address: {exc or type(exc).__name__}", source=current,
                             hint="check the address and the network") from exc
        try:
            if response.is_redirect:
                location = response.headers.get("location", "")
                try:
                    current = urljoin(current, location)
                except ValueError as exc:
                    raise InputError(f"the server redirects to an address that cannot be read: {location!r}",
                                     source=current, hint="open the address in a browser and give the final one"
                                     ) from exc
                continue
            if response.status_code >= 400:
                raise InputError(f"the server answered HTTP {response.status_code}", source=current,
                                 hint="check the address; the page may have moved or need a login")
            data = await _read_capped(response, policy, current)
            return Fetched(current, data, response.headers.get("content-type", ""))
        finally:
            await response.aclose()
    raise InputError(f"more than {policy.max_redirects} redirects", source=url,
                     hint="open the address in a browser and give the final one")


def _parse(url: str) -> tuple[SplitResult, str, int]:
    """``url``'s parts, host and port; ``InputError`` for what is no fetchable address."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # "[::1" (an unclosed IPv6 bracket), a port that is no number or out of range
        raise InputError(f"not a valid web address: {exc}", source=url,
                         hint="check the address (host and port)") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise InputError("only http:// and https:// addresses can be fetched", source=url,
                         hint="give a web address, or the report as a file")
    if port == 0:
        raise InputError("not a valid web address: port 0", source=url, hint="check the address (host and port)")
    return parts, host, port or (443 if parts.scheme == "https" else 80)


async def _request(client: httpx.AsyncClient, url: str, policy: FetchPolicy, trail: _Trail) -> httpx.Request:
    """The GET of ``url``, its host checked as ``policy`` asks; with ``public_only``, sent to
    the checked address of its host."""
    parts, host, port = _parse(url)
    try:
        if policy.public_only:
            addresses = await _resolve(host, port, url, required=True)
            _refuse_non_public(host, addresses, policy.allowed_networks, url)
            address = addresses[0]
            # Connect to the address checked, not to a second DNS answer; Host and TLS keep the name.
            pinned_host = f"[{address}]" if address.version == 6 else str(address)
            pinned = parts._replace(netloc=f"{pinned_host}:{parts.port}" if parts.port else pinned_host).geturl()
            headers = {"Host": parts.netloc.rsplit("@", 1)[-1]}
            extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
            return client.build_request("GET", pinned, headers=headers, extensions=extensions)
        if policy.refuse_private_hops:
            addresses = await _resolve(host, port, url, required=False)
            if trail.reached_public and addresses:
                _refuse_non_public(host, addresses, (), url, hop=True)
            trail.reached_public = trail.reached_public or bool(addresses) and all(map(is_public, addresses))
        return client.build_request("GET", url)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise InputError(f"not a valid web address: {exc}", source=url, hint="check the address") from exc


async def _resolve(host: str, port: int, url: str, *, required: bool) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address is itself). Unresolvable: ``InputError``
    when ``required``, else no address (the fetch then fails, or goes through a proxy, on its own)."""
    try:
        return [ipaddress.ip_address(host.split("%", 1)[0])]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().run_in_executor(
            _RESOLVER, socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        if not required:
            return []
        raise InputError(f"the host name does not resolve: {host}", source=url, hint="check the address") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def _refuse_non_public(host: str, addresses: list[IPAddress], allowed: Sequence[IPNetwork], url: str, *,
                       hop: bool = False) -> None:
    for address in addresses:
        if is_public(address, allowed):
            continue
        if hop:
            raise InputError(
                f"refused: a public page led to {host} ({address}), which is not a public address",
                source=url,
                hint="a web page may not send this machine to its own network; if you trust it, "
                "give --allow-private",
            )
        raise InputError(
            f"refused: {host} resolves to {address}, which is not a public address",
            source=url,
            hint="this server fetches only public web addresses; upload the report instead",
        )


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one leads to (IPv4-mapped and -compatible, well-known NAT64, 6to4), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 0xFFFF):
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def is_public(address: IPAddress, allowed: Sequence[IPNetwork] = ()) -> bool:
    """True for a globally routable unicast address, or one inside ``allowed``.

    An IPv6 address that embeds an IPv4 one (NAT64 ``64:ff9b::/96``, 6to4,
    IPv4-mapped or -compatible) is judged by the IPv4 address a translator or
    relay would reach; local-use NAT64 ``64:ff9b:1::/48`` and Teredo
    ``2001::/32`` are refused whole."""
    if any(address in network for network in allowed):
        return True
    inner = embedded_ipv4(address)
    if inner is not None:
        return is_public(inner, allowed)
    if any(address in prefix for prefix in _REFUSED_PREFIXES):
        return False
    return address.is_global and not address.is_multicast


async def _read_capped(response: httpx.Response, policy: FetchPolicy, url: str) -> bytes:
    """The body, decoded, refused past ``max_bytes``; any error while reading it is an ``InputError``.

    gzip and deflate are decoded here, never more than the bytes still allowed
    at a time: httpx inflates each network chunk whole, and 64 KiB of a gzip
    bomb inflate to 64 MiB."""
    too_big = AnswerTooLargeError(f"the answer is larger than the limit of {policy.max_bytes:,} bytes", source=url,
                                  hint="raise SUMMARIZER_FETCH_MAX_BYTES, or download the report and give the file")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise too_big
    decoder = _decoder(response.headers.get("content-encoding", ""), url)
    chunks: list[bytes] = []
    size = 0
    try:
        async for raw in response.aiter_raw():
            pending = raw
            while pending:
                if decoder is None:
                    chunk, pending = pending, b""
                else:
                    chunk = decoder.decompress(pending, policy.max_bytes - size + 1)
                    pending = decoder.unconsumed_tail
                size += len(chunk)
                if size > policy.max_bytes:
                    raise too_big
                chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise InputError(f"the answer stalled for {policy.timeout_s:g} s", source=url,
                         hint="retry later, or download the report and give the file") from exc
    except (httpx.HTTPError, zlib.error) as exc:  # a short body, a dropped connection, bad gzip
        raise InputError(f"the answer could not be read whole: {exc or type(exc).__name__}", source=url,
                         hint="retry later, or download the report and give the file") from exc
    return b"".join(chunks)


class _Inflater:
    """gzip or deflate decoding with zlib's ``max_length``; for deflate, the zlib wrapper or the raw
    stream some servers send, told apart by the first two bytes (RFC 1950's header check)."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        self._zlib: Any = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS) if encoding != "deflate" else None
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._zlib is None:
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0
            self._zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        out: bytes = self._zlib.decompress(data, max_length)
        self.unconsumed_tail = self._zlib.unconsumed_tail
        return out


def _decoder(content_encoding: str, url: str) -> _Inflater | None:
    """A decoder for the answer's ``Content-Encoding`` (gzip or deflate, the ones asked for), or
    None for an answer sent as is."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Inflater("deflate" if encoding == "deflate" else "gzip")
    raise InputError(f"the answer is in an encoding that was not asked for: {content_encoding}", source=url,
                     hint="download the report and give the file")
