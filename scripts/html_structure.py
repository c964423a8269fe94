#!/usr/bin/env python3
"""Compares the structure of HTML pages rendered from benign and hostile values.

Reads JSON from stdin: [{"name": ..., "benign": "<html…>" or ["<html…>", …], "hostile": "<html…>"}, …]
(several benign pages: their structures are joined, e.g. a form's 422 and 303 answers).
Each page is parsed with html5lib (the WHATWG parsing algorithm browsers use). A page's
structure is the set of its elements, each with its attribute names and the values of the
attributes that change what a page does (name, type, rel, http-equiv, method, target…), plus
the origins of every URL it carries (href, src, action, formaction, srcset, meta refresh).
The hostile page may not have an element kind, an attribute on a kind of element, a value of a
behaviour attribute (an <input name=…> the page never had) or a URL origin the benign one lacks,
nor any javascript:/data:/vbscript: URL. Prints JSON: [{"name", "problems": [...]}, …].
"""
import json
import re
import sys
from urllib.parse import urlsplit

import html5lib

URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "data", "poster", "background", "xlink:href", "ping"}
BEHAVIOUR_ATTRS = {"name", "type", "rel", "http-equiv", "method", "target", "enctype", "charset"}
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def origin(url):
    url = url.strip()
    lowered = re.sub(r"[\x00-\x20]", "", url).lower()
    for bad in ("javascript:", "data:", "vbscript:"):
        if lowered.startswith(bad):
            return "PELIGRO:" + bad
    try:
        parts = urlsplit(url)
    except ValueError:
        return "URL-INVÁLIDA"
    if url.startswith("//") or parts.scheme or parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return "(propio)"


def structure(html, values=True):
    """Per element kind: the attribute names it carries and the behaviour values it takes."""
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    elements, urls = set(), set()
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        attrs = dict(el.attrib)
        elements.add((el.tag,))
        for k, v in attrs.items():
            elements.add((el.tag, "@" + k))
            if values and k in BEHAVIOUR_ATTRS:
                elements.add((el.tag, "@" + k, UUID.sub("<uuid>", v)))
        for k, v in attrs.items():
            if k in URL_ATTRS or k.startswith("on"):
                urls.add(origin(v) if k in URL_ATTRS else "PELIGRO:" + k)
        if el.tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            urls.add("PELIGRO:meta-refresh")
        if el.tag in ("script", "base", "iframe", "object", "embed"):
            urls.add("PELIGRO:<" + el.tag + ">")
    return elements, urls


def union(pages, values=True):
    be, bu = set(), set()
    for page in pages:
        e, u = structure(page, values)
        be |= e
        bu |= u
    return be, bu


def compare(pair, vocabulary):
    values = pair.get("values", True)
    benign = pair["benign"] if isinstance(pair["benign"], list) else [pair["benign"]]
    be, bu = union(benign, values) if benign else vocabulary
    he, hu = structure(pair["hostile"], values)
    problems = [f"elemento nuevo: {e}" for e in sorted(he - be, key=str)]
    problems += [f"URL nueva: {u}" for u in sorted(hu - bu)]
    problems += [f"URL peligrosa: {u}" for u in sorted(hu) if u.startswith("PELIGRO:") and ":" in u[8:] and u not in bu]
    return {"name": pair["name"], "problems": problems}


def main():
    data = json.load(sys.stdin)
    # Either a list of pairs, or {"vocabulary": [pages], "pairs": [...]}: a pair with no benign
    # page is compared with everything the benign pages of the whole run contained.
    pairs = data["pairs"] if isinstance(data, dict) else data
    vocabulary = union(data.get("vocabulary", [])) if isinstance(data, dict) else (set(), set())
    json.dump([compare(p, vocabulary) for p in pairs], sys.stdout)


if __name__ == "__main__":
    main()
