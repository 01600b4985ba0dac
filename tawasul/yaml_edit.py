"""Changing a few fields of a hand-written YAML file without rewriting the rest of it.

A web edit of an event or a centre must leave the file as a person wrote it: comments, key
order, quoting, flow lists (`[a, b]`) and blank lines outside the fields she changed stay,
so the commit's diff shows only her change. ruamel.yaml's round-trip mode keeps those; PyYAML
(which the loader uses to read) drops them. New files are still rendered by the writer.

The house style of the content files (two-space mappings, list items indented two spaces under
their key, a listing file's items at the margin) is what the round trip writes; `tests/store/test_yaml_edit.py` checks that every
committed content file survives a round trip unchanged.
"""
from __future__ import annotations

import io
from typing import Any, Mapping, Sequence

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

FRONT_MATTER = "---\n"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    yaml.width = 100_000  # never fold a long Arabic line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# The loader reads with PyYAML (YAML 1.1), where a plain `yes`, `on` or `1:30` is not text;
# ruamel writes YAML 1.2 and would leave them plain.
_RESOLVER = pyyaml.resolver.Resolver()
_TEXT = "tag:yaml.org,2002:str"


def _value(value: Any) -> Any:
    """Python values as a person writes them: multi-line text as a literal block (`|`), and
    quotes only where the loader would otherwise read something else than text."""
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and _RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False)) != _TEXT:
        return DoubleQuotedScalarString(value)
    if isinstance(value, Mapping):
        return CommentedMap((k, _value(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return CommentedSeq(_value(v) for v in value)
    return value


def _same(old: Any, new: Any) -> bool:
    """Equal as data (a quoted "x" in the file equals "x"), so unchanged fields keep their form."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, (list, tuple)):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new))
    if isinstance(old, str):
        return isinstance(new, str) and str(old) == new
    return old == new and isinstance(old, bool) == isinstance(new, bool)


def _place(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """A new key goes after the nearest key that precedes it in the model's field order."""
    if key in order:
        before = [k for k in order[:order.index(key)] if k in mapping]
        if before:
            mapping.insert(list(mapping).index(before[-1]) + 1, key, value)
            return
        if any(k in mapping for k in order[order.index(key) + 1:]):
            mapping.insert(0, key, value)
            return
    mapping[key] = value


def _merge(mapping: CommentedMap, values: Mapping[str, Any], order: Sequence[str]) -> None:
    for key, value in values.items():
        if value is None:
            mapping.pop(key, None)
        elif key not in mapping:
            _place(mapping, key, _value(value), order)
        elif isinstance(mapping[key], CommentedMap) and isinstance(value, Mapping):
            _merge_whole(mapping[key], value)
        elif isinstance(mapping[key], CommentedSeq) and isinstance(value, (list, tuple)):
            _merge_list(mapping[key], value)
        elif not _same(mapping[key], value):
            mapping[key] = _value(value)


def _merge_whole(mapping: CommentedMap, values: Mapping[str, Any]) -> None:
    """A nested mapping becomes `values`: its keys merged, the keys not named removed."""
    _merge(mapping, values, ())
    for gone in [k for k in mapping if k not in values]:
        del mapping[gone]


def _merge_list(items: CommentedSeq, values: Sequence[Any]) -> None:
    """Item by item, so editing one entry of a list (a coalition member, a year's report, one
    line of it) rewrites only that entry's lines; a new entry takes the style of the one before
    it (a flow mapping `{name: …}` after flow mappings)."""
    for index, value in enumerate(values):
        if index >= len(items):
            new = _value(value)
            if isinstance(new, CommentedMap) and items and isinstance(items[-1], CommentedMap) \
                    and items[-1].fa.flow_style():
                new.fa.set_flow_style()
            items.append(new)
        elif isinstance(items[index], CommentedMap) and isinstance(value, Mapping):
            _merge_whole(items[index], value)
        elif isinstance(items[index], CommentedSeq) and isinstance(value, (list, tuple)):
            _merge_list(items[index], value)
        elif not _same(items[index], value):
            items[index] = _value(value)
    while len(items) > len(values):
        items.pop()


def quoted(text: str) -> str:
    """Text written in double quotes whatever it holds, as the house style writes opening
    hours (`sun-thu: "08:00-15:00"`)."""
    return DoubleQuotedScalarString(text)


def data_of(text: str) -> Any:
    """The values of a file as the loader reads them (PyYAML, YAML 1.1): what an edit form
    starts from, to leave the fields it does not show as they are."""
    return pyyaml.safe_load(text)


def _round_trip(text: str, change) -> str:
    yaml = _yaml()
    document = yaml.load(text)
    change(document)
    if isinstance(document, CommentedSeq):  # listing files start their items at the margin
        yaml.indent(mapping=2, sequence=2, offset=0)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def edit_yaml(text: str, values: Mapping[str, Any], order: Sequence[str] = ()) -> str:
    """`text` with the top-level `values` set (nested mappings field by field; None deletes a
    field). Fields not named are left exactly as they were written."""
    def change(document):
        if not isinstance(document, CommentedMap):
            raise ValueError("the file is not a mapping of fields")
        _merge(document, values, order)
    return _round_trip(text, change)


def edit_listing(text: str, slug: str, values: Mapping[str, Any] | None, order: Sequence[str] = ()) -> str:
    """One item of a listing file (helplines, occasions: a list of mappings with `slug`):
    its fields set as by `edit_yaml`, appended when new, removed when `values` is None."""
    def change(document):
        if not isinstance(document, CommentedSeq):
            raise ValueError("the file is not a list of items")
        found = [i for i, item in enumerate(document) if isinstance(item, CommentedMap) and item.get("slug") == slug]
        if values is None:
            for index in reversed(found):
                del document[index]
        elif found:
            _merge(document[found[0]], values, order)
        else:
            document.append(_value({"slug": slug, **values}))
    return _round_trip(text, change)


def edit_front_matter(text: str, values: Mapping[str, Any], body: str | None = None,
                      order: Sequence[str] = ()) -> str:
    """The same for a Markdown file with YAML front matter; `body` replaces the text after it."""
    head, _, rest = text[len(FRONT_MATTER):].partition("\n---\n")
    new_body = rest if body is None else body.strip() + "\n"
    return f"{FRONT_MATTER}{edit_yaml(head + chr(10), values, order)}---\n{new_body}"
