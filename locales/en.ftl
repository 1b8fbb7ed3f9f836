## Bot basics
start-welcome =
    Hello! This is the loan assistant of the Vietnam Bank for Social Policies.
    It shows your balance, interest and principal due dates, and loan programmes that fit you.
start-not-ready = These features are still being built. Please come back later.
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
