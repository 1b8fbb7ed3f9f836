## Bot basics
start-welcome =
    Hello! This is the loan assistant of the Vietnam Bank for Social Policies.
    It shows your balance, interest and principal due dates, and loan programmes that fit you.
error-generic = Sorry, something went wrong. Please try again in a few minutes.

## Import: file-level problems
import-error-empty-file = The file is empty. Please check the export from the bank's system.
import-error-no-rows = The file has a header row but no data rows.
import-error-encoding-utf16 = The file is saved as UTF-16 (Unicode Text). Please open it in Excel and save it as "CSV UTF-8 (Comma delimited)" or XLSX.
import-error-encoding-not-utf8 = The file is not UTF-8 (probably Windows-1258 or TCVN3), so Vietnamese letters would be garbled. Please save it as "CSV UTF-8" or XLSX.
import-error-unknown-format = Only .csv and .xlsx files are accepted.
import-error-unreadable = The file could not be read: { $reason }
import-error-missing-columns = Required columns are missing: { $columns }. Please use the template in docs/import.md.
import-error-unknown-columns = Columns not in the template: { $columns }.
import-error-duplicate-columns = Columns repeated: { $columns }.
import-error-too-many-errors = … and { $count } more errors not listed.
import-error-locked = Another import is running. Please wait for it to finish and try again.

## Import: row problems
import-row-error = Row { $row }, column "{ $column }": { $reason }
import-reason-required = is required but empty
import-reason-not-amount = "{ $value }" is not a valid amount (whole đồng, not negative)
import-reason-negative = amounts cannot be negative ("{ $value }")
import-reason-not-date = "{ $value }" is not a valid date (dd/mm/yyyy)
import-reason-not-day-of-month = "{ $value }" must be a day of the month from 1 to 31
import-reason-not-rate = "{ $value }" is not a valid rate (% a year, e.g. 6.6)
import-reason-not-phone = "{ $value }" is not a Vietnamese phone number
import-reason-not-national-id = the CCCD must have exactly 12 digits
import-reason-unknown-programme = programme code "{ $value }" is not in the catalogue
import-reason-unknown-organisation = "{ $value }" is not a mass organisation (Farmers' Union, Women's Union, Veterans' Association, Youth Union)
import-reason-unknown-role = "{ $value }" is not a role (Tổ trưởng, Tổ phó, Thành viên)
import-reason-not-yes-no = "{ $value }" must be Có (yes) or Không (no)
import-reason-bad-code = "{ $value }" is not a valid code (letters, digits, - _ . /, at most 40 characters)
import-reason-too-long = is too long (at most { $max } characters)
import-reason-duplicate-loan = the loan number is repeated, first seen on row { $firstRow }
import-reason-conflict = differs from row { $firstRow } for the same { $entity } "{ $code }"
import-reason-second-head = group "{ $code }" already has another { $role } on row { $firstRow }
import-reason-exceeds = must not be greater than "{ $other }"
import-reason-before = must not be before "{ $other }"
import-reason-overdue-needs-date = an overdue amount needs the date it became overdue
import-reason-installment-pair = the next installment's date and amount go together: give both or neither

import-entity-household = household
import-entity-group = group
import-entity-commune = commune

## Import: summary
import-summary-rejected = The file has { $count } errors. Nothing was changed.
import-summary-dry-run = Dry run: { $rows } valid rows. Nothing was changed.
import-summary-applied = Imported { $rows } rows.
import-summary-unchanged = This file was imported before; nothing changed.
import-summary-entity = { $entity }: { $created } new, { $updated } updated, { $unchanged } unchanged
import-summary-closed = Loans closed (missing from the full snapshot): { $count }
import-count-communes = Communes
import-count-groups = Groups
import-count-households = Households
import-count-loans = Loans

## Menu
menu-balance = 💰 Balance
menu-due-dates = 📅 Due dates
menu-group-head = 👥 My group head
menu-language = 🌐 Language
menu-link = 🔗 Link my account

start-linked = Choose an item from the menu below.
start-link-hint = To see your balance, link your account: type /link and enter the customer code printed in your loan book.
private-only = Loan information is only sent in a private chat. Please message @{ $bot } directly.
language-choose = Chọn ngôn ngữ / Choose a language:
language-set = Switched to English.

## Linking
link-ask-code = Please enter your customer code (printed in your loan book, e.g. KH00001234).
link-ask-factor =
    To confirm the account is yours, tap "Share my phone number" below.
    If your household has no phone number registered with the bank, type the last 4 digits of the household head's CCCD.
link-share-contact = 📱 Share my phone number
link-success = Your account is linked. You can now see your balance and due dates.
link-failed = The details do not match the bank's records. Please check and enter your customer code again.
link-locked = Too many attempts. For your safety, please try again later or ask your group head.
link-needed = Your account is not linked yet. Type /link to link it with your customer code.
unlink-done = This Telegram account is no longer linked.
unlink-none = This Telegram account is not linked to any household.
delete-done = Your link and chat session data have been deleted.

## Balance and due dates
balance-title = <b>Your household's loans</b>
balance-no-loans = Your household has no loans with an outstanding balance.
balance-loan = <b>{ $programme }</b> (loan { $loan })
balance-outstanding = • Outstanding: { $amount }
balance-overdue = • ⚠️ Overdue: { $amount }
balance-interest = • Next interest: { $amount }, due { $date } at { $place }
balance-installment = • Next principal: { $amount }, due { $date }
balance-savings = Savings through the group: { $amount }
balance-group-head = Group head: { $name }
balance-not-found = There is no data for your household yet. Please ask your group head.
data-as-of = <i>Figures as of { $date }. Please confirm at your commune transaction point.</i>
due-title = <b>Your next payments</b>
due-interest = • { $date }: interest { $amount } at { $place } ({ $hours })
due-interest-estimated = • { $date }: interest about { $amount } (estimate) at { $place } ({ $hours })
due-principal = • { $date }: principal { $amount } at { $place }
due-none = Your household has no upcoming payments.
group-head-with-phone = Your group head: <b>{ $name }</b>, phone { $phone }.
group-head-no-phone = Your group head: <b>{ $name }</b>. Please see them in your village.
group-head-self = You are the head of your group.
group-head-unknown = There is no group head on record for your group.
rate-limited = You are sending messages too fast. Please wait a few seconds and try again.

## Eligibility guide
menu-eligibility = ❓ Can I borrow?
answer-yes = Yes
answer-no = No
elig-ask-status = Which describes your household?
elig-status-poor = Poor household
elig-status-near-poor = Near-poor household
elig-status-left-poverty = Left poverty within 3 years
elig-status-average = Average-income household
elig-status-other = Other / not sure
elig-ask-purpose = What is the loan for?
elig-purpose-production = Farming or a small business
elig-purpose-study = A child's studies
elig-purpose-job-creation = Creating a job
elig-purpose-water-sanitation = Clean water, a toilet
elig-purpose-housing = Housing
elig-purpose-overseas-work = Working abroad
elig-purpose-reintegration = After a prison sentence
elig-ask-commune = Is your commune on the list of disadvantaged communes?
elig-ask-rural = Do you live in a rural area?
elig-fu-enrolled = Has the student been admitted to, or is studying at, a school (university, college, vocational)?
elig-fu-housing-law-group = Are you in one of the 8 groups entitled to social housing under the 2023 Housing Law?
elig-fu-has-contract = Do you already have an overseas work contract?
elig-fu-no-other-production-loan = Is it true your household has no other VBSP business loan?
elig-result-title = <b>Programmes that fit you</b>
elig-none = From your answers, no programme fits yet. Please ask your group head or mass organisation for advice.
elig-max-amount = • Maximum: { $text }
elig-rate = • Rate: { $text }{ $monthly }
elig-monthly = {""} ({ $rate }%/month)
elig-term = • Term: { $text }
elig-collateral = • Collateral: { $text }
elig-documents = • Documents: { $list }
elig-first-step = • First step: { $text }
elig-basis = • Legal basis: { $text }
elig-as-of = <i>Information as of { $date }. { $note }</i>
elig-why-button = Why don't the others fit?
elig-again-button = Answer again
elig-why-title = <b>The other programmes</b>
elig-reason-closed = closed to new loans
elig-reason-purpose = does not lend for this purpose
elig-reason-status = for other household categories
elig-reason-commune = only in disadvantaged communes
elig-reason-rural = only in rural areas
elig-reason-fu-enrolled = needs proof of admission or study
elig-reason-fu-housing-law-group = only for the 8 Housing Law groups
elig-reason-fu-has-contract = needs an overseas work contract
elig-reason-fu-no-other-production-loan = only for households without another business loan
