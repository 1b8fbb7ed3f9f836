## Bot basics
start-welcome =
    { -operator.configured ->
        [yes] Hello! This is the loan assistant of { -operator }.
       *[no] Hello! This is an information assistant about social-policy credit, not an official channel of the Vietnam Bank for Social Policies. Official figures: your commune transaction point, your group head, or vbsp.org.vn.
    }
    It shows your balance, interest and principal due dates, and loan programmes that fit you.
error-generic = Sorry, something went wrong. Please try again in a few minutes.

## Import: file-level problems
import-error-empty-file = The file is empty. Please check the export from the bank's system.
import-error-no-rows = The file has a header row but no data rows.
import-error-encoding-utf16 = The file is saved as UTF-16 (Unicode Text). Please open it in Excel and save it as "CSV UTF-8 (Comma delimited)" or XLSX.
import-error-encoding-not-utf8 = The file is not UTF-8 (probably Windows-1258 or TCVN3), so Vietnamese letters would be garbled. Please save it as "CSV UTF-8" or XLSX.
import-error-unknown-format = Only .csv and .xlsx files are accepted.
import-error-too-large-unpacked = The XLSX file unpacks to more than { $max } MB (or is compressed abnormally), so it was not read. Please export it again.
import-error-too-many-rows = The file has more than { $max } rows, over the limit for one import. Please split it.
import-error-too-many-cells = Row { $row } has more than { $max } cells, which does not match the template. Please check the file.
import-error-wrong-delimiter = The file separates columns with "{ $delimiter }", which the bot does not read. Please save it as "CSV UTF-8 (Comma delimited)" or XLSX.
import-error-quote = Row { $row }, column { $column }: a quotation mark (") is not closed properly. Please fix that cell and save the file again.
import-error-unreadable = The file could not be read: { $reason }
import-error-missing-columns = Required columns are missing: { $columns }. Please use the template in docs/import.md.
import-error-unknown-columns = Columns not in the template: { $columns }.
import-error-duplicate-columns = Columns repeated: { $columns }.
import-error-too-many-errors = … and { $count ->
        [one] { $count } more error
       *[other] { $count } more errors
    } not listed.
import-error-locked = Another import is running. Please wait for it to finish and try again.

## Import: row problems
import-row-error = Row { $row }, column "{ $column }": { $reason }
import-reason-extra-cells = holds data in cell { $position }, past the template's columns
import-reason-required = is required but empty
import-reason-not-amount = "{ $value }" is not a valid amount (whole đồng, not negative)
import-reason-negative = amounts cannot be negative ("{ $value }")
import-reason-not-date = "{ $value }" is not a valid date (dd/mm/yyyy)
import-reason-not-transaction-day = "{ $value }" is not a transaction day: write a day of the month (1 to 31) or a weekday such as "thứ Ba tuần thứ 3" (3rd Tuesday), "thứ Sáu cuối tháng" (last Friday)
import-reason-unknown-closure-rule = "{ $value }" is not clear: write "sau" (move to the next working day) or "trước" (to the working day before)
import-reason-unknown-weekend-rule = "{ $value }" is not clear: write "giữ" (keep: the point works on weekends), "sau" (after) or "trước" (before)
import-reason-not-rate = "{ $value }" is not a valid rate (% a year, e.g. 6.24 or 7.9248)
import-reason-rate-looks-monthly = "{ $value }"%/year is unusually low: is it a monthly rate? If so, please put it in the column "Lãi suất (%/tháng)"
import-reason-not-monthly-rate = "{ $value }" is not a valid monthly rate (% a month, e.g. 0.52)
import-reason-rate-required = a rate is needed: in this column (%/year) or in "{ $other }"
import-reason-rate-mismatch = does not agree with "{ $other }" (the yearly rate must be the monthly rate × 12)
import-reason-not-phone = "{ $value }" is not a Vietnamese phone number
import-reason-not-national-id = the CCCD must have exactly 12 digits
import-reason-unknown-programme = programme code "{ $value }" is not in the catalogue
import-reason-unknown-organisation = "{ $value }" is not a mass organisation (Farmers' Union, Women's Union, Veterans' Association, Youth Union)
import-reason-unknown-role = "{ $value }" is not a role (Tổ trưởng, Tổ phó, Thành viên)
import-reason-not-yes-no = "{ $value }" must be Có (yes) or Không (no)
import-reason-bad-code = "{ $value }" is not a valid code (letters, digits, - _ . /, at most 40 characters)
import-reason-not-brand-safe = contains "{ $found }": text sent under the bank's name may hold no account or phone number, no link, and no request to transfer money or give an OTP
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
import-entity-point = transaction point

## Import: summary
import-summary-rejected = The file has { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }. Nothing was changed.
import-summary-dry-run = Dry run: { $rows ->
        [one] { $rows } valid row
       *[other] { $rows } valid rows
    }. Nothing was changed.
import-summary-applied = Imported { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }.
import-summary-unchanged = This file was imported before; nothing changed.
import-summary-entity = { $entity }: { $created } new, { $updated } updated, { $unchanged } unchanged
import-summary-closed = Loans closed (missing from the full snapshot): { $count }
import-count-communes = Communes
import-count-points = Transaction points
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
help-short = I did not understand that. Please pick an item from the menu below, type a question (for example "how much do I owe"), or type /start to begin.
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
link-locked = Too many attempts. For your safety, linking is paused until { $until }. If it is urgent, please ask your group head or the commune transaction point.
link-needed = Your account is not linked yet. Type /link to link it with your customer code.
unlink-done = This Telegram account is no longer linked.
unlink-none = This Telegram account is not linked to any household.
link-new-notice =
    🔔 Another Telegram account was linked to your household at { $at }.
    If it is not someone in your family, tap the button below to remove that link, then tell your group head.
link-new-undo = Remove the account just linked
link-new-undone = The account just linked has been removed from your household.
link-new-undo-none = Nothing removed: that account is no longer linked to your household, or you are no longer linked.
privacy-text =
    🔒 What this bot keeps about you
    • The link between your Telegram account and your household's customer code, your language and your reminder choices.
    • The reminders sent to you (so none is sent twice, and officers can check).
    • Linking attempts: only as anonymous keyed hashes, with no phone number, name or Telegram id, for the lock-out window (1 hour per account, 24 hours per customer code). /deletemydata does not remove them, so that nobody can reset the limit and guess codes.
    Type /deletemydata to delete your link and your data.
delete-done =
    Deleted: your Telegram link, your chat data, and every reminder sent or waiting to be sent to you.
    Kept: the bank's loan records (the bank's, not made by this bot); the record of linking attempts, anonymised (no phone number, name or Telegram id), until its lock-out window ends (at most 24 hours) so that codes cannot be guessed; and an audit line holding only the counts deleted.

## Balance and due dates
balance-title = <b>Your household's loans</b>
balance-no-loans = Your household has no loans with an outstanding balance.
balance-loan = <b>{ $programme }</b> (loan { $loan })
balance-outstanding = • Outstanding: { $amount }
balance-overdue = • ⚠️ Overdue: { $amount }
balance-interest = • Next interest: { $amount }
balance-frozen = • Frozen debt: { $amount }
balance-unpaid-interest = • Unpaid interest: { $amount }
balance-relief = 🌧 { $text }: { $reduction }%/year off until { $to } ({ $basis }). The interest shown here is the bank's figure; if the cut is not in it, please ask at the commune transaction point.
balance-relief-suspended = ⏸ { $text }: the bank has suspended interest collection until { $to } ({ $basis }). No interest is paid in that time; principal falling due is repaid as usual.
balance-session-total = 📅 Transaction day { $date } at { $place } ({ $hours }): bring <b>{ $total }</b>{ $parts }.
balance-part-interest = interest { $amount }
balance-part-principal = principal due { $amount }
balance-part-overdue = overdue principal { $amount }
balance-part-unpaidInterest = unpaid interest { $amount }
balance-installment = • Next principal: { $amount }, due { $date }
balance-savings = Savings through the group: { $amount }
balance-group-head = Group head: { $name }
balance-not-found = There is no data for your household yet. Please ask your group head.
data-as-of = <i>Figures as of { $date }. Please confirm at your commune transaction point.</i>
due-title = <b>Your next payments</b>
due-interest = • { $date }: interest { $amount } at { $place } ({ $hours })
due-interest-estimated = • { $date }: interest about { $amount } (estimate) at { $place } ({ $hours })
due-interest-suspended = • { $date }: interest collection suspended until { $to } ({ $basis }), no interest this time
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
answer-unknown = Not sure
elig-ask-status = Which describes your household?
elig-status-poor = Poor household
elig-status-near-poor = Near-poor household
elig-status-left-poverty = Left poverty within 3 years
elig-status-average = Average-income household
elig-status-other = Other / not sure
elig-poverty-line = (Poverty line in force: income of { $rural } per person a month or less in rural areas, { $urban } in urban areas, with basic-service deprivations; under { $basis }. The commune certifies the poor and near-poor lists.)
elig-ask-purpose = What is the loan for?
elig-purpose-production = Farming or a small business
elig-purpose-study = A child's studies
elig-purpose-job-creation = Creating a job
elig-purpose-water-sanitation = Clean water, a toilet
elig-purpose-housing = Housing
elig-purpose-overseas-work = Working abroad
elig-ask-commune = Is your commune on the list of disadvantaged communes?
elig-ask-rural = Do you live in a rural area?
elig-fu-enrolled = Has the student been admitted to, or is studying at, a school (university, college, vocational)?
elig-fu-housing-law-group = Are you in one of the 8 groups entitled to social housing under the 2023 Housing Law?
elig-fu-has-contract = Do you already have an overseas work contract?
elig-fu-has-production-loan = Does your household have another VBSP business or job-creation loan now?
elig-fu-student-hardship = Is the student an orphan (both parents, or one where the other cannot work), or is the family in hardship from an accident, illness, disaster, fire or epidemic, certified by the commune?
elig-fu-served-sentence = Has the borrower finished a prison sentence and is on the commune police's list?
elig-fu-is-trader = Is the borrower a trader doing business in a disadvantaged area?
elig-fu-stem-field = Does the student study a listed science, technology, engineering or mathematics (STEM) field?
elig-fu-ethnic-minority-programme = Is the household an ethnic-minority household covered by the national target programme for ethnic-minority and mountainous areas?
elig-result-title = <b>Programmes that fit you</b>
elig-none = From your answers, no programme fits yet. Please ask your group head or mass organisation for advice.
elig-max-amount = • Maximum: { $text }
elig-rate = • Rate: { $annual }%/year ({ $monthly }%/month){ $caveat }, from { $since } under { $basis }.{ $note }
elig-rate-unknown = • Rate: no figure on file; please ask at the commune transaction point.{ $note }
elig-unconfirmed = {" "}(reported, unconfirmed)
elig-term = • Term: { $text }
elig-collateral = • Collateral: { $text }
elig-documents = • Documents: { $list }
elig-first-step = • First step: { $text }
elig-basis = • Legal basis: { $text }
elig-rate-source = • Rate source: { $source } (checked { $checked })
faq-sources-button = 📄 Legal basis and sources
elig-footer = <i>{ $note }</i>
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
elig-reason-fu-has-production-loan = not for households with another business or job-creation loan
elig-reason-fu-student-hardship = for students of poor, near-poor or average households, orphans, or families in hardship
elig-reason-fu-served-sentence = for people who finished a prison sentence
elig-reason-fu-is-trader = for traders in disadvantaged areas
elig-reason-fu-stem-field = for students of listed STEM fields
elig-reason-fu-ethnic-minority-programme = for households of the national target programme for ethnic-minority areas
elig-to-confirm = • To confirm at the commune transaction point: { $list }

## FAQ (questions, search keywords, fixed answers)
faq-balance-q = How much do I still owe?
faq-balance-k = balance; outstanding; how much do i owe; debt
faq-interest-this-month-q = How much interest do I pay this month?
faq-interest-this-month-k = interest; pay interest; interest this month
faq-transaction-day-q = When and where is my commune's transaction day?
faq-transaction-day-k = transaction day; transaction point; where to pay
faq-next-principal-q = When is my next principal payment, and how much?
faq-next-principal-k = principal; installment; repayment; due date
faq-overdue-mine-q = Do I have anything overdue?
faq-overdue-mine-k = overdue; late; arrears
faq-my-group-head-q = Who is my group head?
faq-my-group-head-k = group head; my group head; leader
faq-early-repayment-q = Is there a penalty for repaying early?
faq-early-repayment-k = early repayment; pay off early; penalty
faq-early-repayment-a = You can repay early at the commune transaction point; interest is charged only up to the day you pay. Please confirm with your group head or the bank staff at the transaction point.
faq-where-to-pay-q = Do I pay interest to the group head or at the transaction point?
faq-where-to-pay-k = where to pay; pay interest where; group head collects
faq-where-to-pay-a = Monthly interest is usually paid to your group head, who hands it in at the commune transaction point on its fixed transaction day. Principal is repaid directly to the bank's team at the transaction point. Always ask for a receipt.
faq-poor-loan-q = How much can a poor household borrow, at what rate?
faq-poor-loan-k = poor household; poor household rate; poor household loan
faq-near-poor-loan-q = How much can a near-poor household borrow, at what rate?
faq-near-poor-loan-k = near-poor; near poor household
faq-left-poverty-loan-q = Can a household that just left poverty still borrow?
faq-left-poverty-loan-k = left poverty; recently left poverty
faq-student-loan-q = What is the student loan rate, and when do I repay?
faq-student-loan-k = student loan; study; school; tuition
faq-water-loan-q = How much can I borrow for clean water?
faq-water-loan-k = clean water; sanitation; toilet; well
faq-job-loan-q = How much is the job-creation loan from 2026?
faq-job-loan-k = job creation; employment; jobs
faq-overseas-loan-q = What do I need for an overseas work loan?
faq-overseas-loan-k = overseas work; work abroad; labour export; contract
faq-social-housing-loan-q = What is the social housing loan rate?
faq-social-housing-loan-k = social housing; buy a home; build a house
faq-disadvantaged-commune-loan-q = I am not poor but live in a disadvantaged commune: can I borrow?
faq-disadvantaged-commune-loan-k = disadvantaged commune; disadvantaged area; business
faq-collateral-q = Do I need collateral?
faq-collateral-k = collateral; security; mortgage
faq-collateral-a = Most programmes for poor, near-poor and recently-out-of-poverty households, students and water need no collateral. Large loans (job-creation loans to businesses, overseas-work loans above the set amount, social housing) need security; each programme's card gives the figure.
faq-how-to-start-q = Where do I start? Must I join a group?
faq-how-to-start-k = how to start; join a group; how to borrow; apply
faq-how-to-start-a = 1. Join the savings-and-loan group in your village; write the loan request and plan (form 01/TD). 2. The group votes. 3. The mass organisation reviews. 4. The commune certifies the list (form 03/TD). 5. The group head files with the transaction office. 6. The bank sends the approval (form 04/TD). Form numbers may have changed: ask your group head.
faq-documents-q = Which documents do I need?
faq-documents-k = documents; papers; what documents
faq-documents-a = Usually: the loan request and plan (form 01/TD), the borrower's citizen ID card, and papers specific to each programme (e.g. the school's certificate for student loans). Tap "❓ Can I borrow?" to see the documents of the programmes that fit you.
faq-extension-q = I cannot repay the principal yet: can I get an extension?
faq-extension-k = extension; cannot pay; reschedule
faq-extension-a = You can ask for an extension: up to 12 months for short-term loans, up to half the original term for medium and long-term loans. Tell your group head before the due date so the papers can be filed. Rescheduling has its own procedure.
faq-penalty-interest-q = How is overdue penalty interest calculated?
faq-penalty-interest-k = penalty interest; overdue interest; late penalty
faq-penalty-interest-a = Only the unpaid installment becomes overdue; the rest stays current. Overdue principal carries 130% of that loan's own rate, so paying early costs less.
faq-disaster-q = My house was flooded: can my debt be frozen?
faq-disaster-k = flood; storm; disaster; epidemic; fire; freeze debt; write off
faq-disaster-measures = After losses from { $causes }, a household may apply for risk handling: { $measures } (under { $basis }). A cut in interest is not one of its measures: where there is one, it is the Prime Minister's own decision for a given disaster.
faq-disaster-unconfirmed = Not confirmed from a source: { $what }. Please ask your group head or the commune transaction point, and report the loss as soon as you can.
faq-disaster-form = the request form
faq-disaster-deadline = the deadline
faq-disaster-relief = 🌧 In force: { $text } ({ $provinces }), until { $to } ({ $basis }).
faq-disaster-unknown = Please ask your group head or the commune transaction point how to apply for risk handling.
faq-source = <i>Source: { $source }; checked { $checked }.</i>
faq-poverty-line-q = What is the poverty line now?
faq-poverty-line-k = poverty line; who is poor; near-poor; average living standard
faq-poverty-line-now = The poverty line in force (from { $from }): income of { $rural } a person a month or less in rural areas, { $urban } in towns ({ $basis }).
faq-poverty-line-next = From { $from }: { $rural } a person a month in rural areas, { $urban } in towns ({ $basis }).
faq-poverty-indicators-unknown = The deprivation indicators for this period: no official text confirmed yet.
faq-poverty-unknown = There is no poverty line on file for this date: please ask the commune.
faq-average-living = Average-living-standard households (from { $from }): income over { $ruralOver } up to { $ruralUpTo } a person a month in rural areas, over { $urbanOver } up to { $urbanUpTo } in towns ({ $basis }).
faq-average-living-undefined = Average-living-standard households from { $from }: there is no official definition yet, so we give no figure. Please ask the commune.
faq-poverty-lists = The commune reviews and certifies the lists of poor and near-poor households.
faq-borrower-died-q = Who repays if the borrower dies?
faq-borrower-died-k = borrower died; death; passed away
faq-borrower-died-a = A borrower's death is among the cases considered under the bank's risk-handling rules. The family should tell the group head, who will explain the papers; each case is decided by the bank.
faq-savings-minimum-q = What is the minimum savings deposit through the group?
faq-savings-minimum-k = savings; deposit; minimum deposit
faq-savings-minimum-a = The minimum deposit through the group is 5.000 ₫ each time; the group head records it on receipt form 01/BL and list 13/TD.
menu-faq = 💬 Questions
faq-intro = Type your question (with or without Vietnamese accents), or pick a common one:
faq-not-sure = Did you mean one of these?
faq-ask-head = 🙋 Ask my group head
faq-ask-head-text = You can ask the head of your village savings-and-loan group, your mass organisation, or the bank staff at the commune transaction point on transaction day.
faq-no-match = Sorry, I did not understand. Try something shorter, e.g. "poor household rate", or ask your group head.

## Settings
menu-settings = ⚙️ Settings
settings-title = Reminder settings (tap to switch on or off):
settings-reminder-interest = Interest reminders
settings-reminder-principal = Principal reminders
settings-reminder-overdue = Overdue notices
settings-phone = SMS/Zalo when Telegram cannot reach me
settings-phone-officer = An officer recorded earlier that your household wants no SMS or Zalo. To get them again, please tell the credit officer or your group head.

## Command menu
cmd-start = Start, main menu
cmd-link = Link my loan account
cmd-balance = My balance
cmd-duedates = Interest and principal due dates
cmd-eligibility = Can I borrow?
cmd-faq = Questions and answers
cmd-grouphead = My group head
cmd-settings = Reminder settings
cmd-language = Change language
cmd-unlink = Unlink my account
cmd-deletemydata = Delete my data
cmd-privacy = What the bot keeps about me

## Reminders (sent by the dispatcher; signed by the group head where one is known)
weekday = { $n ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
reminder-interest =
    🔔 <b>Interest reminder</b>
    Transaction day: <b>{ $date }</b>.
    Interest your household pays: <b>{ $amount }</b>.
    Where: { $place } ({ $hours }). You can also hand it to your group head beforehand.
reminder-principal =
    🔔 <b>Principal reminder</b>
    An installment of <b>{ $amount }</b> falls due on <b>{ $date }</b>.
    Where: { $place } ({ $hours }).
reminder-overdue =
    ⚠️ <b>Overdue loan</b> (loan { $loan })
    Your household has <b>{ $amount }</b> of overdue principal since { $since } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    }).
    Overdue principal carries 130% of the loan rate: { $penaltyRate }% a year instead of { $rate }%, so paying soon costs less.
    If you cannot pay yet, see your group head now: the bank can extend the loan or reschedule it.
reminder-place-unknown = the commune transaction point
session-assumed = <i>This date follows the usual schedule: the holiday calendar is known until { $until }. If a new holiday is announced the day may change; your group head will tell you.</i>
reminder-signature-head = — { $name }, head of group { $group }
reminder-signature-bank = { -operator.configured ->
        [yes] — { -operator }
       *[no] — Social-policy credit information assistant
    }
reminder-footer = <i>Turn reminders on or off: /settings</i>

## SMS (sent without diacritics: see domain/sms.ts) and Zalo notifications
sms-interest = VBSP: Household { $name } pays interest { $amount } on transaction day { $date }.
sms-principal = VBSP: Household { $name } owes principal { $amount } due { $date }.
sms-overdue = VBSP: Household { $name } has { $amount } principal overdue since { $since }. Please see your group head.
sms-signature = { " " }Group head: { $name }.
sms-place = { " " }Pay at: { $place }.
sms-collection = VBSP: Group { $group } has { $count ->
        [one] { $count } household
       *[other] { $count } households
    } paying interest on { $date }, total { $amount }.
sms-collection-overdue = { " " }{ $count ->
        [one] { $count } household
       *[other] { $count } households
    } overdue.
sms-stop = { " " }To stop these messages, tell your group head.

## Lists for group heads and summaries for officers
list-part = (part { $part }/{ $parts })
list-legend = <i>✅ gets reminders on Telegram · 📵 cannot be reached, visit them · ○ not using the bot</i>
list-to-visit = To tell in person: { $count ->
        [one] { $count } household
       *[other] { $count } households
    } (📵 and ○).
list-collection-title = 📋 <b>Collection list for { $date }</b>
point-name = { $name } transaction point ({ $commune })
point-name-former = { $name } transaction point (former { $former }), now in { $commune }
point-place = { $point } — { $place }
list-interest-suspended = ⏸ Interest collection suspended until { $to } ({ $basis }): this time only principal falling due is collected.
list-collection-group = Group { $group } · { $place } ({ $hours })
list-collection-row = { $n }. { $icon } { $name }: interest { $interest }
list-collection-row-principal = { $n }. { $icon } { $name }: interest { $interest }, principal { $principal }
list-collection-total = <b>Total: interest { $interest }, principal { $principal }</b> ({ $count ->
        [one] { $count } household
       *[other] { $count } households
    })
list-collection-empty = No household in the group has anything due this session.
list-overdue-title = ⚠️ <b>Overdue debt of group { $group }</b> (as of { $date })
list-overdue-new = A member fell overdue yesterday.
list-overdue-row = { $n }. { $icon } { $name }: { $amount }, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } (since { $since })
list-overdue-total = <b>Total overdue: { $amount }</b> ({ $count ->
        [one] { $count } household
       *[other] { $count } households
    })
list-overdue-next-step = Please visit these households soon; where they truly cannot pay, help them apply for an extension or rescheduling.
list-overdue-empty = The group has no overdue debt. Thank you!
holidays-running-out = 📅 The holiday data is complete only until { $date }, less than { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ahead. Please add the coming closures (Tết and swapped working days included) to catalogue/holidays.json so that reminders and transaction days avoid them. This message comes every day until the data is extended.
holidays-ran-out = ⚠️ The holiday data ran out after { $date }: transaction days after it are worked out as if there were no holidays, and reminders say so. Please extend catalogue/holidays.json. This message comes every day until the data is extended.
summary-title = 📊 <b>Weekly summary to { $date }</b>
summary-commune = • { $commune }: { $loans } overdue loans, { $amount }; { $unreachable ->
        [one] { $unreachable } member
       *[other] { $unreachable } members
    } unreachable
summary-total = <b>Total: { $loans } overdue loans, { $amount }; { $unreachable ->
        [one] { $unreachable } member
       *[other] { $unreachable } members
    } unreachable</b>
list-members-title = 👥 <b>Group { $group }</b>: { $count ->
        [one] { $count } household
       *[other] { $count } households
    } · ✅ { $linked } · 📵 { $unreachable } · ○ { $notLinked }
list-members-row = { $n }. { $icon } { $name }

## Group heads in the bot
menu-my-group = 📋 My group
menu-overdue = ⚠️ Overdue
group-head-only = This is for heads of savings-and-loan groups who have linked their account.
group-head-other-group = You can only see the group you head.
cmd-mygroup = My group: members and collection list
cmd-overdue = My group's overdue list

## Officers and admins
staff-only = This command is for authorised officers only.
admin-only = This command is for administrators only.
grant-usage = Usage: /grant <Telegram ID> all | office:OFFICE_CODE,… | commune:COMMUNE_CODE,… | point:POINT_CODE,…
grant-done = { $id } is now an officer (scope: { $scope }).
revoke-usage = Usage: /revoke <Telegram ID>
revoke-done = { $id } is no longer an officer.
revoke-none = { $id } is not an active officer.
closure-usage = Add days the transaction points are closed: /closure dd/mm/yyyy dd/mm/yyyy Name (e.g. /closure 08/03/2027 08/03/2027 Compensatory day off). Closures from today:
closure-row = • { $from } – { $to }: { $name }
closure-bad = Those dates do not work: give the first and last day as dd/mm/yyyy, the last not before the first nor in the past.
closure-added = Closure { $from } – { $to } added. Reminders and transaction days follow it from the next planning on.
closure-scope = The closures are the whole bank's calendar: only admins and officers with scope "all" can add them.
find-usage = Usage: /find <customer code>
find-not-found = No household { $code } within your scope.
optout-usage = Usage: /optout <customer code> (the household wants no SMS and no Zalo)
optout-done = Recorded: household { $code } will get no SMS and no Zalo. Telegram messages (if linked) go on as before.
optin-usage = Usage: /optin <customer code>
optin-done = Household { $code } will get SMS/Zalo again when Telegram cannot reach it.
optin-borrower-own = Household { $code } turned SMS/Zalo off in the bot's settings itself; only the household can turn them back on.
find-title = 🔎 <b>{ $code }</b> · { $name }
find-place = Group { $group } · { $commune } · { $role }
find-role-head = group head
find-role-deputy = deputy head
find-role-member = member
find-link = Telegram: { $status }
find-phone-allowed = SMS/Zalo: allowed (when Telegram cannot reach them)
find-phone-refused = SMS/Zalo: refused by the household
find-link-linked = linked ({ $count ->
        [one] { $count } account
       *[other] { $count } accounts
    })
find-link-unreachable = linked but unreachable
find-link-none = not linked
find-loans = Loans: { $count } · outstanding { $outstanding } · overdue { $overdue }
find-savings = Savings: { $amount }
find-deliveries = Recent messages:
find-delivery = • { $date } { $kind } ({ $channel }): { $outcome }
find-no-deliveries = No message sent to this household yet.
audit-title = <b>Recent actions</b>
audit-row = { $at } · { $actor } · { $action } { $scope } { $counts }
audit-empty = The audit log is empty.

## Broadcasts
broadcast-header = { -operator.configured ->
        [yes] 📢 <b>Notice from { -operator }</b>
       *[no] 📢 <b>Notice from social-policy credit officers</b>
    }
broadcast-compose = Send the notice: text, or a photo or file with a caption. Type /cancel to stop.
broadcast-compose-unsupported = Please send text, a photo or a file. Type /cancel to stop.
broadcast-too-long = The text is { $length } characters long; the most is { $max }. Please shorten it and send it again.
broadcast-preview = ☝️ Recipients will see exactly this. Who should get it?
broadcast-audience-all = Everyone in my scope
broadcast-audience-commune = One commune
broadcast-audience-point = One transaction point
broadcast-audience-group = One group
broadcast-audience-programme = One programme
broadcast-audience-overdue = Households with overdue debt
broadcast-audience-heads = Group heads only
broadcast-audience-national = The whole country (every branch)
broadcast-national-only = This command is for the central office's administrators only.
broadcast-national-usage = Usage: /national <notice id>
broadcast-national-title = 📣 <b>National notice { $id }</b>: progress by branch
broadcast-national-row = • { $branch }: { $sent }/{ $total } sent, { $notDelivered } not delivered, { $left } left
broadcast-ask-code-commune = Please type the commune code.
broadcast-ask-code-point = Please type the transaction point code.
broadcast-ask-code-group = Please type the group code.
broadcast-ask-code-programme = Please type the programme code (e.g. HN).
broadcast-code-unknown = No code { $code } within your scope. Please type it again, or /cancel.
broadcast-reach = It will reach <b>{ $count }</b> { $count ->
        [one] Telegram account
       *[other] Telegram accounts
    } ({ $audience }).
broadcast-reach-unreachable = { $count ->
        [one] { $count } account
       *[other] { $count } accounts
    } the bot cannot reach will be left out.
broadcast-reach-approval = Over { $threshold } recipients: a second officer must approve it before it goes.
broadcast-reach-none = Nobody in this group has linked an account. Nothing will be sent.
broadcast-send-now = Send now
broadcast-schedule = Schedule
broadcast-discard = Discard
broadcast-ask-time = Please type the date and time to send (Vietnam time) as dd/mm/yyyy hh:mm, e.g. 01/12/2026 08:00.
broadcast-bad-time = I could not read “{ $text }”. Please type dd/mm/yyyy hh:mm, later than now.
broadcast-discarded = The draft notice is discarded.
broadcast-not-yours = This notice is no longer waiting for you.
broadcast-approval-sent = Notice { $id } needs approval. { $count ->
        [one] { $count } officer who may approve it has been asked.
       *[other] { $count } officers who may approve it have been asked.
    }
broadcast-approval-none = Notice { $id } needs approval, but the bot could not write to any approver yet. An approver can type /approve { $id }.
broadcast-approval-request = 📝 Notice <b>{ $id }</b> awaits approval: { $count ->
        [one] { $count } account
       *[other] { $count } accounts
    } ({ $audience }), written by { $maker }. The text is in the message above.
broadcast-approve = Approve
broadcast-reject = Reject
broadcast-approve-usage = Usage: /approve <notice id>
broadcast-approve-own = You cannot approve your own notice.
broadcast-maker-revoked = The maker of notice { $id } is no longer an authorised officer, so the notice has been dropped and will not be sent.
broadcast-approve-scope = This notice reaches people outside your scope, so you cannot approve it.
broadcast-approved = Notice { $id } approved.
broadcast-rejected = Notice { $id } rejected.
broadcast-approved-maker = Notice { $id } has been approved.
broadcast-rejected-maker = Notice { $id } was rejected and will not be sent.
broadcast-cancelled = Notice { $id } stopped. Messages not yet sent will not be sent.
broadcast-cancel-none = No notice is waiting or sending.
broadcast-progress-title = 📢 Notice { $id }
broadcast-progress-scheduled = Sending starts at { $time } on { $date }, to { $total ->
        [one] { $total } account
       *[other] { $total } accounts
    }.
broadcast-progress-counts = Sent: { $sent } · Not delivered: { $failed } · Left: { $left }
broadcast-progress-eta = Time left: about { $eta }
broadcast-eta = { $hours ->
    [0] { $minutes } min { $seconds } s
   *[other] { $hours } h { $minutes } min
}
broadcast-report-done = ✅ Notice { $id } is sent.
broadcast-report-cancelled = ⏹ Notice { $id } was stopped.
broadcast-report-sent = Sent: { $count }
broadcast-report-unreachable-count = Unreachable: { $count }
broadcast-report-failed = Failed: { $count }
broadcast-report-uncertain = Delivery unknown: { $count }
broadcast-report-expired = Too late: { $count }
broadcast-report-skipped = Skipped: { $count }
broadcast-report-not-sent = Not sent: { $count }
broadcast-report-unreachable = { $count ->
        [one] { $count } household
       *[other] { $count } households
    } could not be reached: { $codes }
broadcast-report-more = … and { $count } more.
cmd-broadcast = Write and send a notice
cmd-cancel = Cancel, or stop a notice
cmd-approve = Approve a notice
cmd-national = A national notice's progress by branch
cmd-stats = Statistics in my scope

## Import by chat
import-chat-wrong-type = The bot takes only .csv or .xlsx files in the bank's template.
import-chat-too-big = The file is { $size } MB, over the { $max } MB a bot can download. Please import it on the server: npm run import -- <file>
import-chat-checking = Checking the file…
import-chat-ask = Nothing has been written yet. Apply this file?
import-chat-apply = Apply
import-chat-discard = Discard
import-chat-errors-file = { $count ->
        [one] The error is in the attached file.
       *[other] All { $count } errors are in the attached file.
    }
import-chat-points-scope = Your scope is some transaction points. A data file also writes its communes, which are wider than that, so you cannot import it; please ask an officer scoped to the office or the commune.
import-chat-scope = { $count ->
        [one] { $count } row of the file touches
       *[other] { $count } rows of the file touch
    } data outside your scope (as written in the file or as stored). Nothing was written.
import-chat-scope-row = • Row { $row }, column { $column }: { $code }
import-chat-failed = Sorry, this file could not be processed (too large once unpacked, or damaged). Nothing was written. Please check the file, or import it on the server.
import-chat-expired = No file is waiting to be applied. Please send the file again.
import-chat-discarded = File discarded; nothing was written.

## Statistics
scope-all = everything
stats-title = 📊 <b>Statistics</b> · { $scope } · { $date }
stats-linked = Households linked to Telegram: { $linked }/{ $households } ({ $percent })
stats-deliveries = Reminders in the last 7 days: { $sent } sent, { $failed } not delivered
stats-codes-attacked = ⚠️ Codes locked for linking in the last 24 hours (repeated wrong attempts): { $count } — { $codes }
stats-unreachable = Members the bot cannot reach: { $count }
stats-overdue-title = <b>Overdue debt by commune</b>
stats-overdue-row = • { $commune }: { $amount } ({ $count ->
        [one] { $count } loan
       *[other] { $count } loans
    })
stats-overdue-points-title = <b>Overdue debt by transaction point</b>
stats-overdue-point-row = • { $point } ({ $commune }): { $amount } ({ $count ->
        [one] { $count } loan
       *[other] { $count } loans
    })
stats-top-groups = <b>10 groups with the most overdue debt</b>
stats-group-row = • { $group } ({ $commune }): { $amount }
stats-trend = <b>Overdue debt, last 8 weeks</b>
stats-trend-row = • Week of { $week }: { $amount }
stats-phone-title = <b>SMS and Zalo, last 30 days</b>
stats-phone-sms-row = • { $commune }, SMS: { $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    }, { $segments ->
        [one] { $segments } segment
       *[other] { $segments } segments
    }, { $cost }
stats-phone-zns-row = • { $commune }, Zalo: { $messages ->
        [one] { $messages } message
       *[other] { $messages } messages
    }, { $cost }
stats-phone-in-doubt = {" "}(of which { $count ->
        [one] { $count } message
       *[other] { $count } messages
    } in doubt: possibly billed)
stats-phone-no-price = no price set
stats-phone-total = Estimated cost: { $cost }
stats-phone-total-unpriced = Not every channel has a price (SMS_PRICE_PER_SEGMENT, ZNS_PRICE_PER_MESSAGE): no total cost.
stats-none = No data within your scope yet.
stats-chart-overdue = Overdue by commune (million ₫)
stats-chart-overdue-points = Overdue by transaction point (million ₫)
stats-chart-trend = Overdue, last 8 weeks (million ₫)
cmd-find = Look up a household in my scope
cmd-optout = Record that a household wants no SMS/Zalo
cmd-optin = Let a household get SMS/Zalo again
cmd-closure = Days the transaction points are closed
cmd-grant = Grant an officer role
cmd-revoke = Revoke an officer role
cmd-audit = Audit log

# A message sent again after a crash left it in doubt, and the list of those not sent again.
resend-marker = (sent again)
in-doubt-title = <b>Messages that may not have arrived ({ $date })</b>: the bot stopped while sending the { $count ->
        [one] { $count } message
       *[other] { $count } messages
    } below, so whether they went is unknown, and it does not send them again. Please check with the recipients.
in-doubt-row = • Household { $household }, group { $group }: { $kind } of { $date }
delivery-kind-interest = interest reminder
delivery-kind-principal = principal reminder
delivery-kind-overdue = overdue notice
delivery-kind-collection-list = group collection list
delivery-kind-overdue-list = group overdue list
delivery-kind-officer-summary = officer summary
delivery-kind-broadcast = notice
delivery-kind-in-doubt-report = list of messages in doubt
delivery-kind-channel-alert = channel alert
delivery-kind-disaster-notice = disaster notice
channel-down-alert = ⚠️ <b>{ $channel } is not sending</b> since { $since }: { $reason }. Messages wait and are not dropped: the bot tries again and sends them once { $channel } works, unless they are past their date.
channel-up-alert = ✅ <b>{ $channel } is sending again</b> (down since { $since }). The waiting messages are going out.

stats-national-title = 📊 <b>National figures</b> · { $branches } branches · { $date }
stats-national-row = • { $branch }: { $linked }/{ $households } households linked ({ $percent }); reminders, last 7 days: { $sent } sent, { $failed } not delivered; overdue { $amount } ({ $count } loans)
stats-national-total = <b>Whole country</b>: { $linked }/{ $households } households linked ({ $percent }); reminders, last 7 days: { $sent } sent, { $failed } not delivered; overdue { $amount } ({ $count } loans)
stats-national-own = This branch's own detailed figures: /stats branch

cmd-hardship = Report a hardship (disaster, crop loss, illness…)

hardship-intro = <b>Report a hardship</b>
    If your family suffers a disaster, crop loss, illness, a lost job… that makes repaying hard, report it so that your group head and the bank's officer know.
hardship-none = Your household has no reports yet.
hardship-item = • { $reference } ({ $filed }): { $reason }: <b>{ $status }</b>
hardship-new-button = ➕ New report
hardship-withdraw-button = Withdraw report { $reference }
hardship-ask-reason = What happened?
hardship-reason-crop-livestock = Crop or livestock lost
hardship-reason-house-damaged = House damaged
hardship-reason-illness-death = Illness or death in the family
hardship-reason-job-lost = Job lost
hardship-reason-other = Something else
hardship-ask-when = When did it happen?
hardship-when-this-week = This week
hardship-when-this-month = This month
hardship-when-earlier = Earlier
hardship-ask-loan = Which loan does it affect?
hardship-loan-all = All / not sure
hardship-ask-text = Tell briefly what happened (at most { $max } characters), or press Skip.
hardship-skip = Skip
hardship-send = Send
hardship-cancel = Cancel
hardship-cancelled = Cancelled; nothing was sent.
hardship-use-buttons = Please choose with the buttons in the message above, or press Cancel.
hardship-text-only = Please type a few words, or press Skip.
hardship-text-too-long = That is { $length } characters, more than { $max }. Please write less; the details go on the paper form.
hardship-stale = This button no longer works. Send /hardship to start again.
hardship-confirm = <b>Check before sending</b>
    What: { $reason }
    When: { $when }
    Loan: { $loan }
    Details: { $text }
hardship-filed = Report received, reference <b>{ $reference }</b>. Your group head will confirm it, then the bank's officer looks at it.
    Note: extending, freezing or writing off a debt is decided by the bank on a paper application (a request confirmed by your group head and the commune's People's Committee), handed in at your commune's transaction point, as early as possible before the payment is due. This report lets the officer know early; it is not a decision.
    Status: /hardship
hardship-not-found = This report was not found.
hardship-withdraw-withdrawn = Report { $reference } withdrawn.
hardship-withdraw-not-found = This report was not found.
hardship-withdraw-too-late = Report { $reference } has gone on for handling and can no longer be withdrawn. Please talk to the officer at your transaction point.
hardship-status-awaiting-head = waiting for the group head
hardship-status-new = received by the officer
hardship-status-checking = being checked
hardship-status-needs-form = paper form needed
hardship-status-sent-to-office = sent to the office
hardship-status-decided = decided
hardship-status-withdrawn = withdrawn
cmd-hardshipqueue = Borrowers' hardship reports to handle
hardship-head-intro = <b>Members of your group reported a hardship and wait for your word</b>
hardship-head-item = • { $reference }: { $member }: { $reason }
hardship-head-ask = Member <b>{ $member }</b> reported a hardship ({ $reason }, { $when }), reference { $reference }. If you know their situation, please confirm it so that the bank's officer looks at it soon.
hardship-head-confirm-button = Yes, I know their situation
hardship-head-confirm-button-of = Confirm { $reference }
hardship-head-confirmed = Report { $reference } confirmed. The bank's officer will look at it.
hardship-head-already = Report { $reference } no longer waits for confirmation.
hardship-told-confirmed = Your group head confirmed report { $reference }. Status: <b>{ $status }</b>.
hardship-told-moved = Your report { $reference }: <b>{ $status }</b>.
hardship-told-decided = Your report { $reference } has a decision, number { $number }: <b>{ $decision }</b>. The officer at your transaction point will explain the papers that go with it.
hardship-told-needs-form = Your report { $reference } needs a paper form. Still missing: { $missing }. Please bring it to your commune's transaction point, as early as possible before the payment is due.
hardship-note-needs-form = What does the paper form of report { $reference } still lack? Type it briefly (at most { $max } characters); the borrower will receive it.
hardship-note-decided = The number of the bank's decision on report { $reference }? (at most { $max } characters)
hardship-queue-intro = <b>Hardship reports to handle</b> ({ $count })
hardship-queue-empty = No reports.
hardship-queue-item = • { $reference } · { $commune } · { $reason } · { $status } · { $head }
hardship-head-ok = confirmed by the group head
hardship-head-timed-out = no answer from the group head in { $days } days
hardship-head-none = not confirmed by the group head yet
hardship-detail = <b>Report { $reference }</b>
    Household: { $household } · { $member }
    What: { $reason } ({ $when })
    Loan: { $loan }
    Details: { $text }
    Status: <b>{ $status }</b> · { $head }
hardship-move-checking = Start checking
hardship-move-needs-form = Paper form needed
hardship-move-sent-to-office = Sent to the office
hardship-move-stale = Report { $reference } has changed or cannot go to this step. Open it again to see where it stands.
hardship-decision-extended = Debt extended
hardship-decision-frozen = Debt frozen
hardship-decision-written-off = Debt written off
hardship-decision-refused = Not approved
hardship-export-sheet = Hardship reports
hardship-export-caption = Hardship reports ({ $count }) for the paper files.
hardship-col-reference = Reference
hardship-col-filed = Filed on
hardship-col-household = Customer code
hardship-col-member = Name
hardship-col-group = Group code
hardship-col-commune = Commune
hardship-col-reason = Cause
hardship-col-when = When
hardship-col-from = From
hardship-col-loan = Loan
hardship-col-text = The borrower's words
hardship-col-head = Confirmed by the group head
hardship-col-status = Status
hardship-col-missing = Missing from the paper form
hardship-col-decision = Decision
hardship-col-decision-number = Decision number
hardship-col-yes = Yes
hardship-col-no = No

list-overdue-report-open = 📝 hardship reported
disaster-notice = <b>{ $name } ({ $from }–{ $until })</b>
    The Vietnam Bank for Social Policies has paused interest and overdue reminders for your area until { $until }.
    If your family suffered losses (house, crops, livestock, health), you can tell the bank with /hardship. Your group head will confirm and an officer will explain the paperwork.
    The bank never asks you to transfer money to a personal account or to give an OTP code.
disaster-notice-relief = Your area is covered by { $basis }; the officer at your transaction point will explain what it means for you.
cmd-disaster = Disasters: hold reminders for an area
disaster-usage = <b>Disaster mode</b>
    Declare: <code>/disaster commune:CODE 28/09/2025-15/10/2025 typhoon no. 10</code> (or <code>point:CODE</code>). A second officer must approve it.
    While it lasts no interest or overdue reminders go to the area; borrowers there get one notice on how to report a loss. When it ends, what is still owed is reminded once.
disaster-list-title = <b>Events in your scope</b>
disaster-none = No events yet.
disaster-row = { $name } · { $area } · { $from }–{ $until } · <b>{ $status }</b> · <code>{ $id }</code>
disaster-area-commune = commune { $name }
disaster-area-point = transaction point { $name }
disaster-status-proposed = awaiting approval
disaster-status-declared = declared
disaster-status-refused = refused
disaster-in-force = (in force)
disaster-bad-format = The declaration could not be read. Example: <code>/disaster commune:CODE 28/09/2025-15/10/2025 typhoon no. 10</code>
disaster-bad-dates = A date is not valid. Write dates as dd/mm/yyyy.
disaster-bad-order = The end date must come after the start date.
disaster-bad-too-long = The period is too long (one year at most).
disaster-bad-name = The event's name needs 1 to 80 characters.
disaster-area-unknown = No such area within your scope.
disaster-exists = Event { $id } was declared already. Type /disaster to see it.
disaster-proposed = Declared: { $line }
    Approval was asked of { $approvers } officers. Disaster mode applies only once approved.
disaster-approval-request = <b>Request to declare a disaster</b>
    { $line }
    Declared by: { $maker }
disaster-approve = Approve
disaster-approve-of = Approve { $id }
disaster-refuse = Refuse
disaster-end-of = End { $id } from today
disaster-declared = Event { $id } is declared.
disaster-refused = Event { $id } was refused.
disaster-ended = Event { $id } ends from today; what is still owed will be reminded.
disaster-own = Whoever declared an event cannot approve it; another officer must.
disaster-stale = This event has changed. Type /disaster to see where it stands.
disaster-not-found = No such event within your scope.
stats-hardship-title = <b>Hardship reports by commune</b>
stats-hardship-commune = • { $commune }: { $counts }
stats-disaster-in-force = ⚠️ Disaster mode in force: { $name } ({ $area }, { $from }–{ $until })
hardship-ask-photos = You may send up to { $max } photos of the damage (taken in the chat, or as JPEG/PNG files). When you are done, or have none, press Done.
hardship-photos-done = Done
hardship-photos-use-buttons = Please send photos, or press Done to go on.
hardship-photo-added = Photo { $n }/{ $max } received. Send more, or press Done.
hardship-photo-bad = Only JPEG or PNG photos are accepted, at most { $mb } MB each.
hardship-photo-too-many = You have sent { $max } photos already. Press Done to go on.
hardship-confirm-photos = Photos: { $count }
hardship-location-removed = Where the photos were taken will be removed before they are stored.
hardship-location-kept = You agree to keep where the photos were taken (it helps the officer check).
hardship-location-keep = Keep the photos' location
hardship-location-remove = Remove the photos' location
hardship-photos-kept = { $kept } of { $sent } photos stored.
hardship-head-file-button = Report for a member without a phone
hardship-head-none-waiting = <b>Group head</b>: no member's report is waiting for your word.
hardship-head-file-none = No member of your group is both without a phone number and unlinked.
hardship-head-file-pick = Report for which member? (only households with no phone number and no link)
hardship-head-file-for = Reporting for <b>{ $member }</b>.
hardship-filed-by-head = Report received, reference <b>{ $reference }</b>, filed by you as group head. A bank officer will look at it; please help the member prepare the paper request confirmed by the group and the commune, handed in at the transaction point before the payment is due.
hardship-head-note-button = Add a note
hardship-head-note-ask = Your note on report { $reference } (at most { $max } characters). The bank's officer will read it.
hardship-head-noted = Your note on report { $reference } was sent to the bank's officer.
hardship-detail-by-head = Filed by the group head (the member has no phone)
hardship-detail-head-note = Group head's note: { $note }
hardship-col-head-note = Group head's note
hardship-col-by-head = Filed by the group head
hardship-col-photos = Photos

## Dashboard (Mini App, src/dashboard)
dashboard-menu-button = Dashboard
dashboard-title = Dashboard
dashboard-loading = Loading…
dashboard-error-unauthorized = This dashboard session has expired or is not valid. Please close it and open it again from the bot's menu button.
dashboard-error-forbidden = The dashboard is for group heads and bank officers only.
dashboard-error-generic = The data could not be loaded. Please try again in a few minutes.
dashboard-head-title = Group { $group }
dashboard-head-session = Next session: { $date } at { $place }
dashboard-head-no-session = No next session is scheduled yet.
dashboard-head-suspended = Interest collection is suspended this time: only principal due is collected.
dashboard-head-total = To collect at the next session: { $amount }
dashboard-col-member = Member
dashboard-col-due = Due next session
dashboard-col-overdue = Overdue
dashboard-col-reached = Reminder
dashboard-col-report = Hardship report
dashboard-settled = Nothing left to pay
dashboard-open-report = Being handled
dashboard-not-reached = No reminder yet
dashboard-as-of = Figures as of the bank's latest data import; payments made since then show after the next import.
dashboard-overview-title = Overview
dashboard-filter = Show
dashboard-filter-all = Whole scope
dashboard-overdue = Overdue: { $amount } ({ $count } loans)
dashboard-trend = Overdue, last 8 weeks (₫)
dashboard-week = Transaction days in the next 7 days
dashboard-week-none = No transaction day in the next 7 days.
dashboard-points = By transaction point
dashboard-col-point = Transaction point
dashboard-col-commune = Commune
dashboard-col-date = Date
dashboard-col-place = Place
dashboard-col-count = Loans
dashboard-reach = Reminders in the last 7 days by channel
dashboard-reach-none = No reminders in the last 7 days.
dashboard-col-channel = Channel
dashboard-col-outcome = Outcome
dashboard-in-doubt = Messages in doubt (last 7 days)
dashboard-deliveries-as-of = Message figures as of { $time } (refreshed every minute).
dashboard-in-doubt-none = No message in doubt.
dashboard-col-household = Customer code
dashboard-col-kind = Kind
dashboard-broadcasts = Notices in the last 7 days
dashboard-broadcasts-none = No notices.
dashboard-broadcast-row = { $date }: { $settled }/{ $recipients } messages handled, { $sent } sent
dashboard-hardship = Hardship reports
dashboard-hardship-none = No reports.
dashboard-search = Look up a customer code
dashboard-search-button = Look up
dashboard-search-not-found = No customer { $code } within your scope.
dashboard-search-usage = Please type a customer code, e.g. KH001234.
dashboard-search-found = { $name } · group { $group }, { $commune }
dashboard-search-loans = { $count } loans, outstanding { $outstanding }, overdue { $overdue }; savings { $savings }
dashboard-outcome-sent = sent
dashboard-outcome-failed = failed
dashboard-outcome-unreachable = unreachable
dashboard-outcome-uncertain = in doubt
dashboard-outcome-expired = expired
dashboard-outcome-skipped = skipped
dashboard-outcome-retry = retrying
dashboard-outcome-pending = pending
dashboard-channel-telegram = Telegram
dashboard-channel-sms = SMS
dashboard-channel-zns = Zalo
dashboard-link-linked = linked
dashboard-link-unreachable = unreachable
dashboard-link-not-linked = not linked

## Payment confirmations (issue 28)
delivery-kind-payment-recorded = payment recorded
cmd-confirmations = Payment confirmations: turn on per office, send after each import
recorded-text = ✅ On { $date } the VBSP recorded for your household: { $parts }. Principal still owed: { $outstanding }.
recorded-safety = 🔒 The VBSP never asks you to transfer money to a personal account and never asks for an OTP code.
recorded-part-interest-paid = interest paid { $amount }
recorded-part-principal-paid = principal repaid { $amount } (loan { $loan })
recorded-part-loan-settled = loan { $loan } repaid in full ({ $amount })
recorded-part-savings-deposited = savings deposited { $amount }
recorded-part-savings-withdrawn = savings withdrawn { $amount }
recorded-part-loan-disbursed = new loan disbursed { $amount } (loan { $loan })
recorded-part-overdue-cleared = overdue cleared { $amount } (loan { $loan })
recorded-part-newly-overdue = newly overdue { $amount } (loan { $loan })
sms-recorded = VBSP recorded on { $date }: { $parts }.
sms-recorded-outstanding = { " " }Principal owed { $amount }.
sms-recorded-safety = { " " }VBSP never asks for transfers to personal accounts or OTPs.
recorded-why-button = ❓ Why this amount?
recorded-wrong-button = ⚠️ I paid, but this is not right
recorded-why-title = <b>How the interest recorded on { $date } is worked out</b>
recorded-why-loan = Loan { $loan } ({ $programme }): principal { $principal } × { $rate }% a year ÷ 12 months = { $interest } for { $days } days.
recorded-why-penalty = Overdue principal { $overdue } × overdue rate { $rate }% a year (130% of the loan rate) ÷ 12 = { $interest }.
recorded-why-arrears = Of what was paid, { $amount } was interest left unpaid from before.
recorded-why-paid = Recorded by the bank: { $amount }.
recorded-why-rate-differs = Note: the loan carries { $rate }% a year, which differs from the programme's current rate. Please ask the officer at your transaction point.
recorded-why-no-interest = No interest was recorded this time.
recorded-wrong-ask = You paid, but what the bank recorded is not right? If you confirm, the bank officer of your transaction point gets a report with the figures to check. Your group head is not told.
recorded-wrong-yes = Yes, send the report
recorded-wrong-no = No, leave it
recorded-wrong-cancelled = Left as it is; no report sent.
recorded-wrong-sent = The report has gone to the bank's officer. Please keep any receipt and bring it to your transaction point.
recorded-wrong-already = A report about this confirmation was sent already.
recorded-unavailable = This is not available.
recorded-dispute-title = ⚠️ <b>A customer reports a wrong record</b>: { $code } { $name }, { $date }.
recorded-dispute-change = • { $kind } (loan { $loan }): before { $before }, after { $after }, recorded { $amount }
recorded-kind-interest-paid = interest paid
recorded-kind-principal-paid = principal repaid
recorded-kind-loan-settled = loan settled
recorded-kind-savings-deposited = savings deposited
recorded-kind-savings-withdrawn = savings withdrawn
recorded-kind-loan-disbursed = loan disbursed
recorded-kind-overdue-cleared = overdue cleared
recorded-kind-newly-overdue = newly overdue
recorded-status-title = <b>Payment confirmations by transaction office</b>
recorded-office-off = ⚪ { $office }: off
recorded-office-requested = 🟡 { $office }: waiting for approval to turn on
recorded-office-on = 🟢 { $office }: on
recorded-no-office = No whole transaction office is within your scope, so you cannot turn confirmations on or off.
recorded-action-ask = Ask to turn on { $office }
recorded-action-ok = Approve turning on { $office }
recorded-action-off = Turn off { $office }
recorded-office-outside = That office is outside your scope.
recorded-office-moved = The state has changed; send /confirmations to see it again.
recorded-own-request = You cannot approve your own request; another officer or an admin must.
recorded-approve-asked = Someone asks to turn on payment confirmations for office { $office }. Approve?
recorded-asked = The request to turn on { $office } went to { $approvers } approvers.
recorded-office-turned-on = Payment confirmations are on for { $office }. From the next import, changes wait for you to send them.
recorded-office-turned-off = Payment confirmations are off for { $office }.
recorded-pending = Waiting to be sent: { $count } households ({ $kinds }).
recorded-pending-none = No confirmations are waiting to be sent.
recorded-send-button = Send { $count } confirmations
recorded-drop-button = Do not send
recorded-sent = { $count } confirmations queued for sending.
recorded-dropped = { $count } confirmations dropped; they will not be sent.
recorded-busy = An import is running; please try again in a few minutes.
import-summary-confirmations = Payment confirmations to send (when you press send): { $count } households ({ $kinds }).
import-summary-confirmations-off = { $count } households with changes are in offices with confirmations off: nothing is sent to them.
import-summary-confirmations-baseline = The first import records the starting figures: nothing to confirm yet.

## Reminder wording experiments (issue 28)
cmd-experiment = Reminder wording experiments: propose, list
experiment-savings-line = 💡 Paying on time, your household pays no overdue interest (130% of the loan rate) and keeps its good standing for future loans.
experiment-title = <b>Reminder wording experiments</b>
experiment-none-yet = No experiments yet. To propose one: /experiment interest plain,signed,savings point:CODE1,CODE2 01/01/2027-31/03/2027
experiment-line = • { $id } ({ $state }): { $kind }s, wordings { $arms }, area { $area }, { $from }–{ $to }
experiment-state-proposed = waiting for approval
experiment-state-approved = approved
experiment-state-refused = refused
experiment-bad-format = Usage: /experiment interest|principal plain,signed,savings point:CODE1,CODE2 (or commune:…) dd/mm/yyyy-dd/mm/yyyy
experiment-bad-arms = Give 2 to 4 different wordings from: plain, signed, savings, none.
experiment-bad-dates = Dates must be dd/mm/yyyy.
experiment-bad-order = The end must come after the start, within 6 months.
experiment-bad-past = An experiment must start today or later.
experiment-bad-area = The area must be transaction points or communes on file and within your scope.
experiment-proposed = Proposal { $id } went to the admins for approval.
experiment-approve-asked = Experiment { $id } is proposed with the wordings: { $arms }. Approve?
experiment-approve = Approve
experiment-refuse = Refuse
experiment-approve-none = Approve the no-reminder arm on its own
experiment-none-approved = The no-reminder arm of { $id } is approved; the experiment still needs approval.
experiment-needs-none-approval = This experiment has an arm that sends no reminder: approve that arm on its own first.
experiment-own = You cannot approve your own proposal.
experiment-moved = The experiment is no longer waiting for approval.
experiment-results-asof = Results as of the import of { $date } (each count is one household at one transaction day; on time = no interest left unpaid at the first import after the day).
experiment-itt = <b>Every household assigned</b>
experiment-reach = <b>Only households whose reminder was delivered</b>
experiment-arm = Arm { $arm } ({ $wording }): { $households } counted, on time { $onTime } ({ $rate }%, 95% CI { $low }–{ $high }%), late { $late }, not paid { $notPaid }
experiment-arm-difference = { "   " }difference from arm 1: { $low } to { $high } percentage points (95% CI)
experiment-arm-too-few = Arm { $arm } ({ $wording }): { $households } counted — not enough data yet (at least { $minimum } needed)
experiment-chart-title = Experiment { $id }: households paying interest on time, by arm (%)
experiment-chart-rate = On time (%)
experiment-chart-interval = 95% CI (%)
stats-experiments = <b>Reminder wording experiments running</b> (details: /experiment ID)
dashboard-experiments = Reminder wording experiments
dashboard-experiments-none = No wording experiment is running within your scope.
experiment-not-found = There is no experiment { $id } within your scope.
