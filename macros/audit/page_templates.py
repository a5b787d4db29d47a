"""What a page's template may do: call the handbook's macros with literal arguments and show the build's day, nothing
else. Pages come by pull request and the build renders them, so any other Jinja (an attribute, a filter, a loop,
an include) is refused with its page and line before anything is rendered (the sandbox in site/adapter.py holds too)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from ..data.problems import Code, Problem, line_where
from ..i18n.messages import gettext
from .typed_figures import EXAMPLE

_PARSER = Environment(autoescape=False)  # noqa: S701 - only parses; pages are Markdown, rendered by mkdocs-macros
_LITERALS = (nodes.Const, nodes.List, nodes.Tuple, nodes.Dict, nodes.Pair, nodes.Neg, nodes.Pos)


def template_problems(docs_dir: Path, macros: frozenset[str], names: frozenset[str]) -> list[Problem]:
    """Each piece of a page's template that is not `{{ macro(literal, ...) }}` or `{{ name }}` of those allowed."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        label = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
        try:
            tree = _PARSER.parse(path.read_text(encoding="utf-8"))
        except TemplateSyntaxError as exc:
            expected, what = gettext("{call} that Jinja can read", call="{{ macro(...) }}"), exc.message or gettext("a syntax error")
            found.append(Problem(Code.TEMPLATE_CODE, label, line_where(exc.lineno), "", expected, what))
            continue
        expected = gettext("only a handbook macro with literal arguments, e.g. {example} (docs/security.md)", example=EXAMPLE)
        found += [Problem(Code.TEMPLATE_CODE, label, line_where(line), "", expected, what) for line, what in _refused(tree, macros, names)]
    return found


# Filters that only lay out a macro's text (a table inside a content tab is indented to stay in it).
LAYOUT_FILTERS = frozenset({"indent"})


def _refused(tree: nodes.Template, macros: frozenset[str], names: frozenset[str]) -> list[tuple[int, str]]:
    refused = []
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            refused.append((statement.lineno, f"{{% {type(statement).__name__.lower()} %}}"))
            continue
        for part in statement.nodes:
            if not isinstance(part, nodes.TemplateData) and (why := _why(part, macros, names)):
                refused.append((part.lineno, why))
    return refused


def _why(node: nodes.Node, macros: frozenset[str], names: frozenset[str]) -> str | None:
    """What is not allowed in one {{ expression }}; None when it is a literal, an allowed name or macro call."""
    if _literal(node) or (isinstance(node, nodes.Name) and node.name in names):
        return None
    if isinstance(node, nodes.Filter) and node.name in LAYOUT_FILTERS and node.node is not None:
        if node.dyn_args or node.dyn_kwargs or not _all_literal(node):
            return gettext("|{name} with an argument that is not a literal", name=node.name)
        return _why(node.node, macros, names)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        if node.node.name not in macros:
            return gettext("a call of {name}(), which is no handbook macro", name=node.node.name)
        if node.dyn_args or node.dyn_kwargs or not _all_literal(node):
            return gettext("{name}() with an argument that is not a literal", name=node.node.name)
        return None
    if isinstance(node, nodes.Name):
        return gettext("the variable {name}", name=node.name)
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        return gettext("an attribute or item of a variable")
    if isinstance(node, nodes.Filter):
        return gettext("the filter |{name}", name=node.name)
    return gettext("a {kind} expression", kind=type(node).__name__)


def _all_literal(call: nodes.Call | nodes.Filter) -> bool:
    return all(_literal(a) for a in [*call.args, *(k.value for k in call.kwargs)])


def _literal(node: nodes.Node) -> bool:
    return isinstance(node, _LITERALS) and all(_literal(child) for child in node.iter_child_nodes())
