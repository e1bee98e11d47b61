"""A :class:`~taizhang.notify.message.Message` as mail text, HTML, or a robot's markdown.

Robots cap a message's size (企业微信 markdown 4,096 bytes; 钉钉 and 飞书 about 20 KB a request):
:func:`fit` keeps the most lines that fit — the most urgent, since sections come in that order —
and says how many were left out, with the link to see them all. Lines left out are not
recorded as sent, so the next day's notice starts with them.
"""
from __future__ import annotations

import html as htmllib
from collections.abc import Callable

from taizhang.errors import DeliveryFailed
from taizhang.notify.message import Message

ORDINALS = "一二三四五六七八九十"
# characters that would open markdown syntax inside a task's own text, as their full-width twins
_MD = str.maketrans({"[": "［", "]": "］", "<": "＜", ">": "＞", "*": "＊", "`": "｀", "#": "＃"})


def _ordinal(i: int) -> str:
    return ORDINALS[i] if i < len(ORDINALS) else str(i + 1)


def _omitted(msg: Message) -> str:
    return f"……另有{msg.omitted}项未列出。{msg.more}" if msg.omitted else ""


def plain(msg: Message) -> str:
    out = [msg.greeting, "", msg.intro, ""]
    for i, s in enumerate(msg.sections):
        out.append(f"{_ordinal(i)}、{s.heading}")
        for n, line in enumerate(s.lines, 1):
            out.append(f"  {n}. {line.text}")
            if line.link:
                out.append(f"     {line.link}")
        out.append("")
    if msg.omitted:
        out += [_omitted(msg), ""]
    out += [f"{label}：{url}" for label, url in msg.links]
    out += ["", "—— " + msg.signature]
    return "\n".join(out).strip() + "\n"


def html(msg: Message) -> str:
    e = htmllib.escape
    out = [f"<p>{e(msg.greeting)}</p>", f"<p>{e(msg.intro)}</p>"]
    for i, s in enumerate(msg.sections):
        colour = "#c0392b" if s.urgent else "#333"
        out.append(f'<h3 style="color:{colour}">{_ordinal(i)}、{e(s.heading)}</h3><ol>')
        for line in s.lines:
            text = e(line.text)
            out.append(f'<li><a href="{e(line.link)}">{text}</a></li>' if line.link
                       else f"<li>{text}</li>")
        out.append("</ol>")
    if msg.omitted:
        out.append(f"<p>{e(_omitted(msg))}</p>")
    if msg.links:
        out.append("<p>" + " · ".join(f'<a href="{e(u)}">{e(label)}</a>'
                                      for label, u in msg.links) + "</p>")
    out.append(f'<p style="color:#888">{e(msg.signature)}</p>')
    return ('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body '
            'style="font-family:sans-serif">' + "\n".join(out) + "</body></html>")


def markdown(msg: Message, dialect: str) -> str:
    """企业微信 (``wecom``), 钉钉 (``dingtalk``) or 飞书 card (``feishu``) markdown.

    钉钉 joins single newlines, so its paragraphs are separated by blank lines; 飞书 puts the
    title in the card header, so the body leaves it out; 企业微信 colours urgent headings.
    """
    gap = "\n\n" if dialect == "dingtalk" else "\n"
    out = []
    if dialect != "feishu":
        out.append(f"{'##' if dialect == 'wecom' else '###'} {msg.title.translate(_MD)}")
    out += [msg.greeting.translate(_MD), msg.intro.translate(_MD)]
    for i, s in enumerate(msg.sections):
        heading = f"**{_ordinal(i)}、{s.heading.translate(_MD)}**"
        if s.urgent and dialect == "wecom":
            heading = f'<font color="warning">{heading}</font>'
        elif s.urgent and dialect == "feishu":
            heading = f"<font color='red'>{heading}</font>"
        items = []
        for n, line in enumerate(s.lines, 1):
            text = line.text.translate(_MD)
            shown = f"[{text}]({line.link})" if line.link else text
            items.append(f"{n}. {shown}")
        out.append(heading + "\n" + "\n".join(items))
    if msg.omitted:
        out.append(_omitted(msg).translate(_MD))
    if msg.links:
        out.append(" · ".join(f"[{label}]({url})" for label, url in msg.links))
    out.append(f"<font color=\"comment\">{msg.signature}</font>" if dialect == "wecom"
               else msg.signature)
    return gap.join(out)


def fit(msg: Message, render: Callable[[Message], bytes], limit: int) -> tuple[Message, bytes]:
    """The message with as many lines as ``render`` can put in ``limit`` bytes, and its bytes."""
    body = render(msg)
    if len(body) <= limit:
        return msg, body
    low, high = 0, msg.size  # invariant: first(low) fits (checked below), first(high) does not
    small = render(msg.first(0))
    if len(small) > limit:
        raise DeliveryFailed(f"消息过长（即使不列事项也有 {len(small)} 字节，上限 {limit}）",
                             hint="请缩短单位名称或链接地址")
    while high - low > 1:
        mid = (low + high) // 2
        if len(render(msg.first(mid))) <= limit:
            low = mid
        else:
            high = mid
    kept = msg.first(low)
    return kept, render(kept)
