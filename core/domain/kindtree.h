// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"
#include "letter.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Crm
{

/// The classifier of the correspondence register (issue 13): a tree of
/// kinds named by paths, {"Contract", "Supplementary agreement"}. Siblings
/// keep the order they were added in. Every edit either succeeds whole or
/// leaves the tree as it was and says why in @p error (translated, naming
/// the kind). Whether letters use a kind is the caller's business
/// (lettersUsing()): the tree knows only its kinds.
class KONTACTCRMDOMAIN_EXPORT KindTree
{
public:
    KindTree() = default;
    /// The tree holding @p paths and every parent they need, in their order.
    explicit KindTree(const QList<QStringList> &paths);
    /// The kinds a new register starts with (standardLetterKinds()).
    static KindTree standard();
    /// kontactcrmrc, [Register] Kinds; the standard tree while it is unset.
    /// Read afresh from the file: another process may have edited it.
    static KindTree configured();
    /// Writes the tree to kontactcrmrc, [Register] Kinds.
    void save() const;

    /// Every kind, parents before their children (preorder).
    QList<QStringList> paths() const;
    bool contains(const QStringList &path) const;
    /// The kinds directly below @p parent (the top level for an empty one).
    QStringList children(const QStringList &parent) const;

    /// Adds @p path, and its parents when missing. Refused when it exists.
    bool add(const QStringList &path, QString *error);
    /// Gives the kind @p path the name @p newName (a name, not a path).
    bool rename(const QStringList &path, const QString &newName, QString *error);
    /// Moves the kind @p path with its subtree below @p newParent (the top
    /// level for an empty one). Refused into its own subtree, onto a sibling
    /// of the same name, or where it is already.
    bool move(const QStringList &path, const QStringList &newParent, QString *error);
    /// Removes the kind @p path with its subtree.
    bool remove(const QStringList &path, QString *error);

    /// @p kind with its prefix @p from replaced by @p to; unchanged when it
    /// is not @p from or below it.
    static QStringList rebased(const QStringList &kind, const QStringList &from, const QStringList &to);
    /// Whether @p kind is @p path or below it.
    static bool isWithin(const QStringList &kind, const QStringList &path);

    bool operator==(const KindTree &other) const = default;

private:
    struct Node {
        QString name;
        QList<Node> children;
        bool operator==(const Node &other) const = default;
    };
    Node *find(const QStringList &path);
    const Node *find(const QStringList &path) const;
    static void collect(const Node &node, QStringList prefix, QList<QStringList> *out);
    Node m_root;
};

/// How many of @p letters are of the kind @p path or one below it.
KONTACTCRMDOMAIN_EXPORT int lettersUsing(const QList<Letter> &letters, const QStringList &path);

} // namespace Crm
