// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "kindtree.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
KConfigGroup registerGroup()
{
    auto config = KSharedConfig::openConfig(u"kontactcrmrc"_s);
    config->reparseConfiguration();
    return config->group(u"Register"_s);
}
const QString kindsKey = u"Kinds"_s;

bool setError(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}
} // namespace

KindTree::KindTree(const QList<QStringList> &paths)
{
    for (const QStringList &path : paths) {
        if (!path.isEmpty() && !contains(path)) {
            add(path, nullptr);
        }
    }
}

KindTree KindTree::standard()
{
    return KindTree(standardLetterKinds());
}

KindTree KindTree::configured()
{
    const KConfigGroup group = registerGroup();
    // Set but empty: the users removed every kind; unset: never edited.
    if (!group.hasKey(kindsKey)) {
        return standard();
    }
    QList<QStringList> paths;
    for (const QString &p : group.readEntry(kindsKey, QStringList())) {
        paths.append(splitKindPath(p));
    }
    return KindTree(paths);
}

void KindTree::save() const
{
    QStringList joined;
    for (const QStringList &path : paths()) {
        joined.append(joinKindPath(path));
    }
    KConfigGroup group = registerGroup();
    group.writeEntry(kindsKey, joined);
    group.sync();
}

void KindTree::collect(const Node &node, QStringList prefix, QList<QStringList> *out)
{
    for (const Node &child : node.children) {
        QStringList path = prefix;
        path.append(child.name);
        out->append(path);
        collect(child, path, out);
    }
}

QList<QStringList> KindTree::paths() const
{
    QList<QStringList> out;
    collect(m_root, {}, &out);
    return out;
}

const KindTree::Node *KindTree::find(const QStringList &path) const
{
    const Node *node = &m_root;
    for (const QString &name : path) {
        const auto it = std::find_if(node->children.cbegin(), node->children.cend(), [&name](const Node &n) {
            return n.name == name;
        });
        if (it == node->children.cend()) {
            return nullptr;
        }
        node = &*it;
    }
    return node;
}

KindTree::Node *KindTree::find(const QStringList &path)
{
    return const_cast<Node *>(std::as_const(*this).find(path));
}

bool KindTree::contains(const QStringList &path) const
{
    return !path.isEmpty() && find(path);
}

QStringList KindTree::children(const QStringList &parent) const
{
    QStringList names;
    if (const Node *node = find(parent)) {
        for (const Node &child : node->children) {
            names.append(child.name);
        }
    }
    return names;
}

bool KindTree::add(const QStringList &path, QString *error)
{
    if (path.isEmpty() || std::any_of(path.cbegin(), path.cend(), [](const QString &s) {
            return s.trimmed().isEmpty();
        })) {
        return setError(error, i18n("A kind needs a name"));
    }
    if (contains(path)) {
        return setError(error, i18n("The kind \"%1\" exists already", joinKindPath(path)));
    }
    Node *node = &m_root;
    for (const QString &name : path) {
        auto it = std::find_if(node->children.begin(), node->children.end(), [&name](const Node &n) {
            return n.name == name;
        });
        if (it == node->children.end()) {
            node->children.append(Node{name, {}});
            node = &node->children.last();
        } else {
            node = &*it;
        }
    }
    return true;
}

bool KindTree::rename(const QStringList &path, const QString &newName, QString *error)
{
    const QString name = newName.trimmed();
    if (!contains(path)) {
        return setError(error, i18n("There is no kind \"%1\"", joinKindPath(path)));
    }
    if (name.isEmpty()) {
        return setError(error, i18n("A kind needs a name"));
    }
    if (name.contains(u'/')) {
        return setError(error, i18n("\"%1\" is a path, not a name: to put a kind elsewhere, move it", name));
    }
    const QStringList parent = path.mid(0, path.size() - 1);
    if (name != path.constLast() && children(parent).contains(name)) {
        return setError(error, i18n("The kind \"%1\" exists already", joinKindPath(parent + QStringList{name})));
    }
    find(path)->name = name;
    return true;
}

bool KindTree::move(const QStringList &path, const QStringList &newParent, QString *error)
{
    if (!contains(path)) {
        return setError(error, i18n("There is no kind \"%1\"", joinKindPath(path)));
    }
    if (!newParent.isEmpty() && !contains(newParent)) {
        return setError(error, i18n("There is no kind \"%1\" to move into", joinKindPath(newParent)));
    }
    if (isWithin(newParent, path)) {
        return setError(error, i18n("\"%1\" cannot go below itself", joinKindPath(path)));
    }
    const QStringList oldParent = path.mid(0, path.size() - 1);
    if (oldParent == newParent) {
        return setError(error, i18n("\"%1\" is there already", joinKindPath(path)));
    }
    if (children(newParent).contains(path.constLast())) {
        return setError(error, i18n("The kind \"%1\" exists already", joinKindPath(newParent + QStringList{path.constLast()})));
    }
    Node moved = *find(path);
    QList<Node> &siblings = find(oldParent)->children;
    siblings.removeIf([&moved](const Node &n) {
        return n.name == moved.name;
    });
    find(newParent)->children.append(moved);
    return true;
}

bool KindTree::remove(const QStringList &path, QString *error)
{
    if (!contains(path)) {
        return setError(error, i18n("There is no kind \"%1\"", joinKindPath(path)));
    }
    const QString name = path.constLast();
    find(path.mid(0, path.size() - 1))->children.removeIf([&name](const Node &n) {
        return n.name == name;
    });
    return true;
}

bool KindTree::isWithin(const QStringList &kind, const QStringList &path)
{
    return !path.isEmpty() && kind.size() >= path.size() && kind.mid(0, path.size()) == path;
}

QStringList KindTree::rebased(const QStringList &kind, const QStringList &from, const QStringList &to)
{
    if (!isWithin(kind, from)) {
        return kind;
    }
    return to + kind.mid(from.size());
}

int lettersUsing(const QList<Letter> &letters, const QStringList &path)
{
    return int(std::count_if(letters.cbegin(), letters.cend(), [&path](const Letter &l) {
        return KindTree::isWithin(l.kind, path);
    }));
}

} // namespace Crm
