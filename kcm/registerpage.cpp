// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "registerpage.h"

#include "domain/clock.h"
#include "domain/letter.h"
#include "import/importlimits.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
KConfigGroup group(const QString &name)
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(name);
}
constexpr qint64 mebibyte = 1024 * 1024;
} // namespace

RegisterPage::RegisterPage(QWidget *parent)
    : QWidget(parent)
    , m_incoming(new QLineEdit(this))
    , m_outgoing(new QLineEdit(this))
    , m_example(new QLabel(this))
    , m_maxAttachment(new QSpinBox(this))
{
    m_incoming->setObjectName(u"incomingPattern"_s);
    m_outgoing->setObjectName(u"outgoingPattern"_s);
    m_maxAttachment->setRange(1, 2048);
    m_maxAttachment->setSuffix(i18nc("@item:valuesuffix", " MiB"));
    m_example->setWordWrap(true);
    auto form = new QFormLayout(this);
    form->addRow(i18nc("@label:textbox", "Numbers of incoming documents:"), m_incoming);
    form->addRow(i18nc("@label:textbox", "Numbers of outgoing documents:"), m_outgoing);
    form->addRow(QString(), m_example);
    form->addRow(i18nc("@label:spinbox", "Largest attachment:"), m_maxAttachment);
    auto help = new QLabel(i18nc("@info",
                                 "In a pattern, {year} is the year, {yy} its last two digits and {seq} or {seq:4} the number within the year and direction "
                                 "(here padded to 4 digits)."),
                           this);
    help->setWordWrap(true);
    form->addRow(help);
    for (QLineEdit *edit : {m_incoming, m_outgoing}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            check();
            Q_EMIT changed();
        });
    }
    connect(m_maxAttachment, &QSpinBox::valueChanged, this, &RegisterPage::changed);
}

QLineEdit *RegisterPage::incoming() const
{
    return m_incoming;
}

QLineEdit *RegisterPage::outgoing() const
{
    return m_outgoing;
}

QString RegisterPage::problem() const
{
    return m_problem;
}

void RegisterPage::load()
{
    const QSignalBlocker in(m_incoming);
    const QSignalBlocker out(m_outgoing);
    const QSignalBlocker size(m_maxAttachment);
    const KConfigGroup g = group(u"Register"_s);
    m_incoming->setText(g.readEntry("IncomingNumberPattern", NumberPattern::defaultFor(Letter::Direction::Incoming).pattern()));
    m_outgoing->setText(g.readEntry("OutgoingNumberPattern", NumberPattern::defaultFor(Letter::Direction::Outgoing).pattern()));
    m_maxAttachment->setValue(int(std::max<qint64>(1, ImportLimits::fromConfig().maxAttachmentBytes / mebibyte)));
    check();
}

void RegisterPage::check()
{
    QStringList problems;
    QStringList examples;
    const int year = Clock::today().year();
    for (const auto &[edit, label] : {std::pair{m_incoming, i18nc("@info", "incoming")}, std::pair{m_outgoing, i18nc("@info", "outgoing")}}) {
        QString error;
        const auto pattern = NumberPattern::parse(edit->text().trimmed(), &error);
        if (pattern) {
            examples << i18nc("@info %1 incoming or outgoing, %2 a number", "the first %1 document of the year gets %2", label, pattern->format(year, 1));
        } else {
            problems << i18nc("@info %1 incoming or outgoing, %2 what is wrong", "The %1 pattern cannot be saved: %2", label, error);
        }
    }
    m_problem = problems.join(u'\n');
    m_example->setText(problems.isEmpty() ? examples.join(u"; "_s) : m_problem);
}

bool RegisterPage::save()
{
    KConfigGroup reg = group(u"Register"_s);
    bool saved = true;
    for (const auto &[edit, key] : {std::pair{m_incoming, "IncomingNumberPattern"}, std::pair{m_outgoing, "OutgoingNumberPattern"}}) {
        QString error;
        if (NumberPattern::parse(edit->text().trimmed(), &error)) {
            reg.writeEntry(key, edit->text().trimmed());
        } else {
            saved = false;
        }
    }
    group(u"Import"_s).writeEntry("MaxAttachmentBytes", qint64(m_maxAttachment->value()) * mebibyte);
    reg.sync();
    return saved;
}

} // namespace Crm
