## Bot basics
start-welcome =
    Xin chào! Đây là trợ lý vay vốn Ngân hàng Chính sách xã hội.
    Bot giúp bạn xem dư nợ, lịch trả lãi và gốc, và các chương trình vay phù hợp.
error-generic = Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.

## Import: file-level problems
import-error-empty-file = Tệp không có dữ liệu. Vui lòng kiểm tra lại tệp xuất từ hệ thống.
import-error-no-rows = Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.
import-error-encoding-utf16 = Tệp được lưu dạng UTF-16 (Unicode Text). Vui lòng mở trong Excel và lưu lại dạng "CSV UTF-8 (Comma delimited)" hoặc XLSX.
import-error-encoding-not-utf8 = Tệp không phải UTF-8 (có thể là Windows-1258 hoặc TCVN3), chữ tiếng Việt sẽ bị lỗi. Vui lòng lưu lại dạng "CSV UTF-8" hoặc XLSX.
import-error-unknown-format = Chỉ nhận tệp .csv hoặc .xlsx.
import-error-unreadable = Không đọc được tệp: { $reason }
import-error-missing-columns = Thiếu cột bắt buộc: { $columns }. Vui lòng dùng mẫu trong docs/import.md.
import-error-unknown-columns = Có cột không thuộc mẫu: { $columns }.
import-error-duplicate-columns = Cột bị lặp lại: { $columns }.
import-error-too-many-errors = … và { $count } lỗi khác không được liệt kê.
import-error-locked = Đang có một lần nhập dữ liệu khác chạy. Vui lòng đợi xong rồi thử lại.

## Import: row problems ({ $row } is the spreadsheet row, { $column } the column header)
import-row-error = Dòng { $row }, cột "{ $column }": { $reason }
import-reason-required = bắt buộc nhưng đang để trống
import-reason-not-amount = "{ $value }" không phải số tiền hợp lệ (số nguyên đồng, không âm)
import-reason-negative = số tiền không được âm ("{ $value }")
import-reason-not-date = "{ $value }" không phải ngày hợp lệ (dd/mm/yyyy)
import-reason-not-day-of-month = "{ $value }" phải là ngày trong tháng từ 1 đến 31
import-reason-not-rate = "{ $value }" không phải lãi suất hợp lệ (% một năm, ví dụ 6,6)
import-reason-not-phone = "{ $value }" không phải số điện thoại Việt Nam
import-reason-not-national-id = CCCD phải có đúng 12 chữ số
import-reason-unknown-programme = mã chương trình "{ $value }" không có trong danh mục
import-reason-unknown-organisation = "{ $value }" không phải hội đoàn thể (Hội Nông dân, Hội Phụ nữ, Hội Cựu chiến binh, Đoàn Thanh niên)
import-reason-unknown-role = "{ $value }" không phải vai trò (Tổ trưởng, Tổ phó, Thành viên)
import-reason-not-yes-no = "{ $value }" phải là Có hoặc Không
import-reason-bad-code = "{ $value }" không phải mã hợp lệ (chữ, số, dấu - _ . /, tối đa 40 ký tự)
import-reason-too-long = quá dài (tối đa { $max } ký tự)
import-reason-duplicate-loan = số khế ước bị lặp, đã có ở dòng { $firstRow }
import-reason-conflict = khác với dòng { $firstRow } của cùng { $entity } "{ $code }"
import-reason-second-head = tổ "{ $code }" đã có { $role } khác ở dòng { $firstRow }
import-reason-exceeds = phải nhỏ hơn hoặc bằng "{ $other }"
import-reason-before = không được trước "{ $other }"
import-reason-overdue-needs-date = có dư nợ quá hạn thì phải có ngày chuyển quá hạn
import-reason-installment-pair = ngày và số tiền trả gốc kỳ tới phải có cả hai hoặc để trống cả hai

import-entity-household = khách hàng
import-entity-group = tổ
import-entity-commune = xã

## Import: summary
import-summary-rejected = Tệp có { $count } lỗi. Chưa có dữ liệu nào được cập nhật.
import-summary-dry-run = Chạy thử: { $rows } dòng hợp lệ. Chưa có dữ liệu nào được cập nhật.
import-summary-applied = Đã nhập { $rows } dòng.
import-summary-unchanged = Tệp này đã được nhập trước đó; dữ liệu không thay đổi.
import-summary-entity = { $entity }: { $created } mới, { $updated } cập nhật, { $unchanged } không đổi
import-summary-closed = Khế ước được tất toán (không còn trong tệp đầy đủ): { $count }
import-count-communes = Xã
import-count-groups = Tổ
import-count-households = Hộ vay
import-count-loans = Khế ước

## Menu
menu-balance = 💰 Dư nợ
menu-due-dates = 📅 Lịch trả
menu-group-head = 👥 Tổ trưởng của tôi
menu-language = 🌐 Ngôn ngữ
menu-link = 🔗 Liên kết tài khoản

start-linked = Chọn một mục ở menu bên dưới.
start-link-hint = Để xem dư nợ, hãy liên kết tài khoản: gõ /link rồi nhập mã khách hàng in trên sổ vay vốn.
private-only = Thông tin vay vốn chỉ được gửi trong tin nhắn riêng. Vui lòng nhắn riêng cho @{ $bot }.
language-choose = Chọn ngôn ngữ / Choose a language:
language-set = Đã chuyển sang tiếng Việt.

## Linking
link-ask-code = Vui lòng nhập mã khách hàng (in trên sổ vay vốn, ví dụ KH00001234).
link-ask-factor =
    Để xác nhận đây là tài khoản của bạn, hãy bấm nút "Chia sẻ số điện thoại" bên dưới.
    Nếu hộ bạn chưa đăng ký số điện thoại với ngân hàng, hãy nhập 4 số cuối CCCD của chủ hộ.
link-share-contact = 📱 Chia sẻ số điện thoại
link-success = Liên kết thành công. Bây giờ bạn có thể xem dư nợ và lịch trả.
link-failed = Thông tin chưa khớp với dữ liệu của ngân hàng. Vui lòng kiểm tra và nhập lại mã khách hàng.
link-locked = Bạn đã thử quá nhiều lần. Vì an toàn, vui lòng thử lại sau hoặc liên hệ tổ trưởng.
link-needed = Bạn chưa liên kết tài khoản. Gõ /link để liên kết bằng mã khách hàng.
unlink-done = Đã hủy liên kết tài khoản này với Telegram.
unlink-none = Tài khoản Telegram này chưa liên kết với hộ vay nào.
delete-done = Đã xóa liên kết và dữ liệu phiên trò chuyện của bạn.

## Balance and due dates
balance-title = <b>Dư nợ của hộ bạn</b>
balance-no-loans = Hộ bạn hiện không có khoản vay nào đang còn dư nợ.
balance-loan = <b>{ $programme }</b> (khế ước { $loan })
balance-outstanding = • Dư nợ: { $amount }
balance-overdue = • ⚠️ Quá hạn: { $amount }
balance-interest = • Lãi kỳ tới: { $amount }, nộp ngày { $date } tại { $place }
balance-installment = • Gốc kỳ tới: { $amount }, ngày { $date }
balance-savings = Tiết kiệm qua Tổ: { $amount }
balance-group-head = Tổ trưởng: { $name }
balance-not-found = Chưa có dữ liệu của hộ bạn. Vui lòng hỏi tổ trưởng.
data-as-of = <i>Số liệu cập nhật ngày { $date }. Vui lòng đối chiếu tại điểm giao dịch xã.</i>
due-title = <b>Các kỳ trả sắp tới</b>
due-interest = • { $date }: nộp lãi { $amount } tại { $place } ({ $hours })
due-interest-estimated = • { $date }: nộp lãi khoảng { $amount } (ước tính) tại { $place } ({ $hours })
due-principal = • { $date }: trả gốc { $amount } tại { $place }
due-none = Hộ bạn không có kỳ trả nào sắp tới.
group-head-with-phone = Tổ trưởng của bạn: <b>{ $name }</b>, điện thoại { $phone }.
group-head-no-phone = Tổ trưởng của bạn: <b>{ $name }</b>. Hãy gặp trực tiếp tại thôn.
group-head-self = Bạn là tổ trưởng của tổ.
group-head-unknown = Chưa có thông tin tổ trưởng của tổ bạn.
rate-limited = Bạn đang gửi quá nhanh. Vui lòng đợi vài giây rồi thử lại.

## Eligibility guide
menu-eligibility = ❓ Tôi có được vay?
answer-yes = Có
answer-no = Không
elig-ask-status = Hộ bạn thuộc diện nào?
elig-status-poor = Hộ nghèo
elig-status-near-poor = Hộ cận nghèo
elig-status-left-poverty = Mới thoát nghèo (trong 3 năm)
elig-status-average = Hộ có mức sống trung bình
elig-status-other = Khác / không rõ
elig-ask-purpose = Bạn muốn vay để làm gì?
elig-purpose-production = Sản xuất, kinh doanh
elig-purpose-study = Cho con đi học
elig-purpose-job-creation = Tạo việc làm
elig-purpose-water-sanitation = Nước sạch, nhà vệ sinh
elig-purpose-housing = Nhà ở
elig-purpose-overseas-work = Đi làm việc ở nước ngoài
elig-purpose-reintegration = Đã chấp hành xong án phạt tù
elig-ask-commune = Xã bạn có trong danh sách xã khó khăn không?
elig-ask-rural = Nhà bạn ở nông thôn phải không?
elig-fu-enrolled = Người đi học đã trúng tuyển hoặc đang học ở trường (đại học, cao đẳng, trung cấp, học nghề) chưa?
elig-fu-housing-law-group = Bạn có thuộc một trong 8 nhóm đối tượng được mua nhà ở xã hội theo Luật Nhà ở 2023 không?
elig-fu-has-contract = Bạn đã có hợp đồng đi làm việc ở nước ngoài chưa?
elig-fu-no-other-production-loan = Hộ bạn chưa vay chương trình sản xuất kinh doanh nào khác của NHCSXH phải không?
elig-result-title = <b>Các chương trình phù hợp với bạn</b>
elig-none = Theo câu trả lời, chưa có chương trình nào phù hợp. Hãy hỏi tổ trưởng hoặc hội đoàn thể ở thôn để được tư vấn thêm.
elig-max-amount = • Mức vay tối đa: { $text }
elig-rate = • Lãi suất: { $text }{ $monthly }
elig-monthly = {""} ({ $rate }%/tháng)
elig-term = • Thời hạn: { $text }
elig-collateral = • Bảo đảm: { $text }
elig-documents = • Giấy tờ: { $list }
elig-first-step = • Bước đầu tiên: { $text }
elig-basis = • Căn cứ: { $text }
elig-as-of = <i>Thông tin tính đến ngày { $date }. { $note }</i>
elig-why-button = Vì sao chương trình khác không phù hợp?
elig-again-button = Trả lời lại
elig-why-title = <b>Các chương trình khác</b>
elig-reason-closed = đã dừng cho vay mới
elig-reason-purpose = không cho vay mục đích này
elig-reason-status = dành cho diện hộ khác
elig-reason-commune = chỉ ở xã khó khăn
elig-reason-rural = chỉ ở nông thôn
elig-reason-fu-enrolled = cần giấy xác nhận đang học hoặc trúng tuyển
elig-reason-fu-housing-law-group = chỉ cho 8 nhóm theo Luật Nhà ở
elig-reason-fu-has-contract = cần hợp đồng đi làm việc ở nước ngoài
elig-reason-fu-no-other-production-loan = chỉ cho hộ chưa vay sản xuất kinh doanh khác
