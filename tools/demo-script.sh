#!/usr/bin/env bash
# The body of `tools/crm demo`, run against the demo's private Akonadi:
# load the sample data on first run, then print one counterparty's card.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SAMPLES="$HERE/sample-data"
marker="$XDG_DATA_HOME/kontact-crm/.demo-loaded"

# say ENGLISH UKRAINIAN: the demo's own headings in the user's language, as
# crmctl speaks it (LANGUAGE first, then LANG, as gettext looks).
say() {
    case "${LANGUAGE:-${LC_ALL:-${LANG:-}}}" in
        uk*) echo "== $2" ;;
        *) echo "== $1" ;;
    esac
}

if [ ! -f "$marker" ]; then
    say "Loading the sample data (first run)" "Завантаження зразкових даних (перший запуск)"
    crmctl counterparty import "$SAMPLES/counterparties-ua.csv" "$SAMPLES/counterparties-en.vcf"
    crmctl employee import "$SAMPLES/employees.vcf"
    say "Recording contacts, a recurring meeting and tasks around ТОВ «Сонях Агро»" \
        "Контакти, регулярна нарада й завдання навколо ТОВ «Сонях Агро»"
    export CRM_USER_EMAIL=oksana@our-firm.example
    crmctl interaction add --counterparty 32456711 --kind call --at=-3d --person Олена \
        --subject "Ціни на 2027 рік" --result "Погодили знижку 5% на насіння"
    crmctl interaction add --counterparty 32456711 --kind meeting --at=+5d --person Андрій \
        --subject "Підписання договору" --remind-days 1
    crmctl event add --subject "Планірка з Сонях Агро" --at=+1d --counterparty 32456711 \
        --rrule "FREQ=WEEKLY;BYDAY=MO,FR" --remind oksana@our-firm.example --remind-minutes 15
    crmctl task add --subject "Підготувати договір поставки" --counterparty 32456711 \
        --responsible dmytro@our-firm.example --due=+2d --kind договір
    crmctl task add --subject "Надіслати рахунок" --counterparty 32456711 --due=-1d
    say "Registering an e-mail from Сонях Агро as it came, and an outgoing letter" \
        "Реєстрація листа від Сонях Агро таким, як він прийшов, і вихідного листа"
    crmctl letter register --direction incoming --counterparty 32456711 --kind Act \
        --email "$SAMPLES/act-of-reconciliation.eml" --notify oksana@our-firm.example
    crmctl letter register --direction outgoing --counterparty 32456711 --kind Contract \
        --subject "Договір поставки насіння № 41" --addressee oksana@our-firm.example --priority urgent
    say "A mailing of the 2027 price list to the group Клієнти, merged for each contact person" \
        "Розсилка прайс-листа на 2027 рік групі Клієнти, злита для кожної контактної особи"
    mailing=$(crmctl mailing create --json --subject "Прайс-лист на 2027 рік для {counterparty}" --from oksana@our-firm.example \
        --from-name "Оксана Коваль" --kind "прайс-лист" --priority high \
        --body "Шановний(а) {fullName|колего}!

Надсилаємо прайс-лист {counterparty} на 2027 рік. Ціни діють з 1 січня.

З повагою,
Оксана Коваль" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    crmctl mailing recipients "$mailing" --group Клієнти
    mkdir -p "$(dirname "$marker")"
    touch "$marker"
fi

echo
say "crmctl counterparty list" "crmctl counterparty list — контрагенти"
crmctl counterparty list
echo
say "crmctl letter list" "crmctl letter list — журнал кореспонденції"
crmctl letter list
echo
say "crmctl mailing list (send with: crmctl mailing send ID, once a mail transport is set up)" \
    "crmctl mailing list — розсилки (надіслати: crmctl mailing send ID, коли налаштовано поштовий транспорт)"
crmctl mailing list
echo
say "The phone rings: +380 44 123 45 67 — crmctl card \"044 123-45-67\"" \
    "Дзвонить телефон: +380 44 123 45 67 — crmctl card \"044 123-45-67\""
crmctl card "044 123-45-67"
echo
say "crmctl card Acme" "crmctl card Acme — картка контрагента"
crmctl card Acme
