#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Kontact CRM developers
# SPDX-License-Identifier: LGPL-2.0-or-later
"""extractrc for tools/extract-messages.sh: the user-visible strings of
KXMLGUI .rc, Qt Designer .ui and KConfigXT .kcfg files, printed as i18n()
calls for xgettext, as KDE's extractrc does (kde-dev-scripts), so that the
msgids match what KXMLGUI, ki18n_wrap_ui and kconfig_compiler look up:
i18nc(context, text) when the element has a context attribute (comment for
.ui), i18n(text) otherwise."""
import sys
import xml.etree.ElementTree as ET

# Elements whose text is shown, per kind of file.
TAGS = {
    '.rc': {'text', 'Text', 'title', 'tooltip', 'ToolTip', 'whatsthis', 'WhatsThis', 'iconText'},
    '.kcfg': {'label', 'tooltip', 'whatsthis'},
}


def quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'


def local(tag):
    return tag.rsplit('}', 1)[-1]


def emit(path, line, ectx, text, context):
    print('// i18n: file: %s:%d' % (path, line))
    if ectx:
        print('// i18n: ectx: %s' % ectx)
    if context:
        print('i18nc(%s, %s);' % (quote(context), quote(text)))
    else:
        print('i18n(%s);' % quote(text))


def lines_of(path):
    # ElementTree keeps no line numbers; find each text in the file instead.
    with open(path, encoding='utf-8') as f:
        return f.read().split('\n')


def line_of(lines, needle, start):
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    return start + 1


def walk(path, suffix):
    lines = lines_of(path)
    tree = ET.parse(path)
    cursor = 0
    parents = {c: p for p in tree.iter() for c in p}
    for el in tree.iter():
        name = local(el.tag)
        text = (el.text or '').strip() if suffix != '.ui' else (el.text or '')
        if suffix == '.ui':
            if name != 'string' or not text or el.get('notr') == 'true':
                continue
            context = el.get('comment')
        else:
            if name not in TAGS[suffix] or not text:
                continue
            context = el.get('context')
        parent = parents.get(el)
        ectx = ''
        if parent is not None:
            ectx = '%s (%s)' % (local(parent.tag), parent.get('name', ''))
        cursor = line_of(lines, text.split('\n')[0].replace('&', '&amp;'), cursor) - 1
        emit(path, cursor + 1, ectx, text, context)


def main():
    status = 0
    for path in sys.argv[1:]:
        suffix = '.' + path.rsplit('.', 1)[-1]
        if suffix not in TAGS and suffix != '.ui':
            print('extractrc: %s: not a .rc, .ui or .kcfg file' % path, file=sys.stderr)
            status = 1
            continue
        try:
            walk(path, suffix)
        except ET.ParseError as e:
            print('extractrc: %s: %s' % (path, e), file=sys.stderr)
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
