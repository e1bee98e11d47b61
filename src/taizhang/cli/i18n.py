"""The one place where the command line's borrowed English becomes Chinese: click's and argparse's
messages (usage errors, help headings) and click's default placeholders.

Both libraries mark their messages for gettext (``_("Show this message and exit.")``) and look
them up in the process-wide default domain, which follows the user's locale: a clerk with
``LANG=C`` or ``en_US`` would get English. So instead of a compiled catalogue we give their
modules our own ``_``/``ngettext``, which look the message up in ``MESSAGES`` (the gettext
msgid → Chinese, placeholders kept) and fall back to the original. tests/test_cli_i18n.py checks
that every message either library can show a user has a row here, so a library upgrade that
adds or rewords one is noticed.
"""
from __future__ import annotations

import sys
from typing import Any

# msgid → Chinese; the placeholders ({name!r}, %(prog)s …) stay exactly as the library fills them
MESSAGES: dict[str, str] = {
    # click: help pages
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "env var: {var}": "环境变量：{var}",
    "default: {default}": "默认：{default}",
    "(dynamic)": "（运行时确定）",
    "deprecated": "已弃用",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Choice({choices})": "可选（{choices}）",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    # click: usage errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用“{command} {option}”查看帮助。",
    "Missing command.": "缺少子命令。",
    "No such command {name!r}.": "没有子命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Value must be an iterable.": "值必须是一组。",
    "{value!r} is not {choice}.": "{value!r} 不是可选值，应为 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值，应为 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} 不是有效的是/否值，可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats} 中的任何一种。",
    "{len_type} values are required, but {len_value} was given.":
        "需要 {len_type} 个值，给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.":
        "需要 {len_type} 个值，给了 {len_value} 个。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件（需要目录）。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个目录（需要文件）。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Aborted!": "已取消。",
    "Repeat for confirmation": "请再输入一次",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Do you want to continue?": "要继续吗？",
    "Confirm the action without prompting.": "不再询问，直接确认。",
    "Press any key to continue...": "按任意键继续……",
    "unknown error": "未知错误",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "提示：命令 {name!r} 已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "提示：{param_type} {name!r} 已弃用。{extra_message}",
    # argparse (taizhang parse)
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r 不是可选值（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s值",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "one of the arguments %s is required": "%s 中必须给出一个",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}

# the words click prints for a value's kind (“is not a valid integer”) and in help (--unit TEXT)
TYPE_WORDS = {"integer": "整数", "float": "数值", "text": "文本", "boolean": "是/否值",
              "integer range": "整数", "float range": "数值", "path": "路径", "filename": "文件",
              "choice": "选项", "uuid": "UUID", "datetime": "日期时间"}

OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "子命令 [参数]..."


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def _install_into(module: Any) -> None:
    import gettext as stdlib

    if getattr(module, "_", None) in (stdlib.gettext, gettext):
        module._ = gettext
    if getattr(module, "ngettext", None) in (stdlib.ngettext, ngettext):
        module.ngettext = ngettext


def install_click() -> None:
    """Give every loaded click module our ``_``/``ngettext`` (idempotent)."""
    import click

    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            _install_into(module)
    # “'abc' is not a valid integer”: click says the type's name
    for kind in (click.types.IntParamType, click.types.FloatParamType, click.types.BoolParamType,
                 click.types.StringParamType, click.types.UUIDParameterType):
        kind.name = TYPE_WORDS.get(kind.name, kind.name)
    click.types.IntRange.name = TYPE_WORDS["integer"]
    click.types.FloatRange.name = TYPE_WORDS["float"]


def install_argparse() -> None:
    """The same for argparse (``taizhang parse``); called where its parser is built."""
    import argparse

    _install_into(argparse)


def localize(command: Any) -> Any:
    """Chinese placeholders in a command's usage line and help: ``[选项]``, ``--unit 文本``.

    Option metavars are set only where the command left them to click; a Choice keeps its
    ``[a|b]`` list. Groups are walked down to every subcommand. Returns the command.
    """
    import click

    if getattr(command, "_taizhang_localized", False):
        return command
    command.context_class = context_class()
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        if command.subcommand_metavar in ("COMMAND [ARGS]...", "[COMMAND] [ARGS]..."):
            command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in getattr(command, "commands", {}).values():
            localize(sub)
    for param in command.params:
        if isinstance(param, click.Option) and param.metavar is None and not param.is_flag \
                and not isinstance(param.type, click.Choice):
            param.metavar = _metavar(param.type)
    command._taizhang_localized = True
    return command


def _width(text: str) -> int:
    """Terminal columns: a Chinese character takes two (click counts characters)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _formatter_class() -> type:
    """click's help formatter with Chinese punctuation and columns measured in display width,
    so ``--unit 文本`` and ``--today YYYY-MM-DD`` line up."""
    import click
    from click.formatting import wrap_text

    class ChineseHelpFormatter(click.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "用法：" if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{heading}：\n")

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            rows = list(rows)
            first_col = min(max((_width(r[0]) for r in rows), default=0), col_max) + col_spacing
            for first, second in rows:
                self.write(f"{'':>{self.current_indent}}{first}")
                if not second:
                    self.write("\n")
                    continue
                if _width(first) <= first_col - col_spacing:
                    self.write(" " * (first_col - _width(first)))
                else:
                    self.write("\n" + " " * (first_col + self.current_indent))
                lines = wrap_text(second, max(self.width - first_col - 2, 10),
                                  preserve_paragraphs=True).splitlines() or [""]
                self.write(f"{lines[0]}\n")
                for line in lines[1:]:
                    self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    return ChineseHelpFormatter


_CONTEXT: type | None = None


def context_class() -> type:
    """A click Context whose help uses :func:`_formatter_class` (made once)."""
    global _CONTEXT
    if _CONTEXT is None:
        import click

        _CONTEXT = type("ChineseContext", (click.Context,), {"formatter_class": _formatter_class()})
    return _CONTEXT


def _metavar(kind: Any) -> str | None:
    import click

    if isinstance(kind, click.Path):
        return "文件" if kind.file_okay and not kind.dir_okay else "路径"
    if isinstance(kind, (click.types.IntParamType, click.IntRange)):
        return "整数"
    if isinstance(kind, (click.types.FloatParamType, click.FloatRange)):
        return "数值"
    if isinstance(kind, click.types.StringParamType):
        return "文本"
    return None


__all__ = ["MESSAGES", "gettext", "install_argparse", "install_click", "localize", "ngettext"]
