## Bot basics
start-welcome =
    { -operator.configured ->
        [yes] Xin chào! Đây là trợ lý vay vốn của { -operator }.
       *[no] Xin chào! Đây là trợ lý thông tin về tín dụng chính sách, không phải kênh chính thức của Ngân hàng Chính sách xã hội. Số liệu chính thức: điểm giao dịch xã, tổ trưởng, hoặc trang vbsp.org.vn.
    }
    Bot giúp xem dư nợ, lịch trả lãi và gốc, và các chương trình vay phù hợp.
error-generic = Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.

## Import: file-level problems
import-error-empty-file = Tệp không có dữ liệu. Vui lòng kiểm tra lại tệp xuất từ hệ thống.
import-error-no-rows = Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.
import-error-encoding-utf16 = Tệp được lưu dạng UTF-16 (Unicode Text). Vui lòng mở trong Excel và lưu lại dạng "CSV UTF-8 (Comma delimited)" hoặc XLSX.
import-error-encoding-not-utf8 = Tệp không phải UTF-8 (có thể là Windows-1258 hoặc TCVN3), chữ tiếng Việt sẽ bị lỗi. Vui lòng lưu lại dạng "CSV UTF-8" hoặc XLSX.
import-error-unknown-format = Chỉ nhận tệp .csv hoặc .xlsx.
import-error-too-large-unpacked = Tệp XLSX khi giải nén vượt quá { $max } MB (hoặc nén bất thường), nên không đọc. Vui lòng xuất lại tệp từ hệ thống.
import-error-too-many-rows = Tệp có hơn { $max } dòng, vượt giới hạn một lần nhập. Vui lòng chia nhỏ tệp.
import-error-too-many-cells = Dòng { $row } có hơn { $max } ô, không đúng mẫu. Vui lòng kiểm tra lại tệp.
import-error-wrong-delimiter = Tệp dùng dấu "{ $delimiter }" để ngăn cột, bot không đọc được. Vui lòng lưu lại dạng "CSV UTF-8 (Comma delimited)" (dấu phẩy) hoặc XLSX.
import-error-quote = Dòng { $row }, cột { $column }: có dấu ngoặc kép (") không khớp. Vui lòng sửa ô đó rồi lưu lại tệp.
import-error-unreadable = Không đọc được tệp: { $reason }
import-error-missing-columns = Thiếu cột bắt buộc: { $columns }. Vui lòng dùng mẫu trong docs/import.md.
import-error-unknown-columns = Có cột không thuộc mẫu: { $columns }.
import-error-duplicate-columns = Cột bị lặp lại: { $columns }.
import-error-too-many-errors = … và { $count } lỗi khác không được liệt kê.
import-error-locked = Đang có một lần nhập dữ liệu khác chạy. Vui lòng đợi xong rồi thử lại.

## Import: row problems ({ $row } is the spreadsheet row, { $column } the column header)
import-row-error = Dòng { $row }, cột "{ $column }": { $reason }
import-reason-extra-cells = có dữ liệu ở ô thứ { $position }, ngoài các cột của mẫu
import-reason-required = bắt buộc nhưng đang để trống
import-reason-not-amount = "{ $value }" không phải số tiền hợp lệ (số nguyên đồng, không âm)
import-reason-negative = số tiền không được âm ("{ $value }")
import-reason-not-date = "{ $value }" không phải ngày hợp lệ (dd/mm/yyyy)
import-reason-not-transaction-day = "{ $value }" không phải ngày giao dịch: ghi ngày trong tháng (1 đến 31) hoặc thứ trong tuần, ví dụ "thứ Ba tuần thứ 3", "thứ Sáu cuối tháng"
import-reason-unknown-closure-rule = "{ $value }" không rõ: ghi "sau" (dời sang ngày làm việc sau) hoặc "trước" (đưa lên ngày làm việc trước)
import-reason-unknown-weekend-rule = "{ $value }" không rõ: ghi "giữ" (vẫn giao dịch cuối tuần), "sau" hoặc "trước"
import-reason-not-rate = "{ $value }" không phải lãi suất hợp lệ (% một năm, ví dụ 6,24 hoặc 7,9248)
import-reason-rate-looks-monthly = "{ $value }"%/năm thấp bất thường: có phải lãi suất tháng không? Nếu vậy, xin ghi vào cột "Lãi suất (%/tháng)"
import-reason-not-monthly-rate = "{ $value }" không phải lãi suất tháng hợp lệ (% một tháng, ví dụ 0,52)
import-reason-rate-required = cần lãi suất: ghi vào cột này (%/năm) hoặc cột "{ $other }"
import-reason-rate-mismatch = không khớp với "{ $other }" (lãi suất năm phải bằng lãi suất tháng × 12)
import-reason-not-phone = "{ $value }" không phải số điện thoại Việt Nam
import-reason-not-national-id = CCCD phải có đúng 12 chữ số
import-reason-unknown-programme = mã chương trình "{ $value }" không có trong danh mục
import-reason-unknown-organisation = "{ $value }" không phải hội đoàn thể (Hội Nông dân, Hội Phụ nữ, Hội Cựu chiến binh, Đoàn Thanh niên)
import-reason-unknown-role = "{ $value }" không phải vai trò (Tổ trưởng, Tổ phó, Thành viên)
import-reason-not-yes-no = "{ $value }" phải là Có hoặc Không
import-reason-bad-code = "{ $value }" không phải mã hợp lệ (chữ, số, dấu - _ . /, tối đa 40 ký tự)
import-reason-not-brand-safe = có "{ $found }": nội dung gửi đi dưới tên ngân hàng không được chứa số tài khoản, số điện thoại, đường dẫn hay lời nhắc chuyển khoản, mã OTP
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
import-entity-point = điểm giao dịch

## Import: summary
import-summary-rejected = Tệp có { $count } lỗi. Chưa có dữ liệu nào được cập nhật.
import-summary-dry-run = Chạy thử: { $rows } dòng hợp lệ. Chưa có dữ liệu nào được cập nhật.
import-summary-applied = Đã nhập { $rows } dòng.
import-summary-unchanged = Tệp này đã được nhập trước đó; dữ liệu không thay đổi.
import-summary-entity = { $entity }: { $created } mới, { $updated } cập nhật, { $unchanged } không đổi
import-summary-closed = Khế ước được tất toán (không còn trong tệp đầy đủ): { $count }
import-count-communes = Xã
import-count-points = Điểm giao dịch
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
help-short = Tôi chưa hiểu tin này. Xin chọn một mục trong bảng bên dưới, gõ một câu hỏi (ví dụ "tôi còn nợ bao nhiêu"), hoặc gõ /start để bắt đầu.
private-only = Thông tin vay vốn chỉ được gửi trong tin nhắn riêng. Vui lòng nhắn riêng cho @{ $bot }.
language-choose = Chọn ngôn ngữ / Choose a language:
language-set = Đã chuyển sang tiếng Việt.

## Linking
link-ask-code = Vui lòng nhập mã khách hàng (in trên sổ vay vốn, ví dụ KH00001234).
link-ask-factor =
    Để xác nhận đây là tài khoản của ông/bà, hãy bấm nút "Chia sẻ số điện thoại" bên dưới.
    Nếu hộ ông/bà chưa đăng ký số điện thoại với ngân hàng, hãy nhập 4 số cuối CCCD của chủ hộ.
link-share-contact = 📱 Chia sẻ số điện thoại
link-success = Liên kết thành công. Bây giờ ông/bà có thể xem dư nợ và lịch trả.
link-failed = Thông tin chưa khớp với dữ liệu của ngân hàng. Vui lòng kiểm tra và nhập lại mã khách hàng.
link-locked = Ông/bà đã thử quá nhiều lần. Vì an toàn, việc liên kết tạm khóa đến { $until }. Nếu cần gấp, vui lòng liên hệ tổ trưởng hoặc điểm giao dịch xã.
link-needed = Ông/bà chưa liên kết tài khoản. Gõ /link để liên kết bằng mã khách hàng.
unlink-done = Đã hủy liên kết tài khoản này với Telegram.
unlink-none = Tài khoản Telegram này chưa liên kết với hộ vay nào.
link-new-notice =
    🔔 Một tài khoản Telegram khác vừa liên kết với hộ của ông/bà lúc { $at }.
    Nếu đó không phải người trong gia đình ông/bà, hãy bấm nút bên dưới để gỡ liên kết đó, rồi báo tổ trưởng.
link-new-undo = Gỡ tài khoản vừa liên kết
link-new-undone = Đã gỡ tài khoản vừa liên kết khỏi hộ của ông/bà.
link-new-undo-none = Không gỡ được: tài khoản đó không còn liên kết với hộ của ông/bà, hoặc ông/bà không còn liên kết.
privacy-text =
    🔒 Bot lưu gì về ông/bà
    • Liên kết giữa tài khoản Telegram và mã khách hàng của hộ, ngôn ngữ và lựa chọn nhắc hẹn của ông/bà.
    • Các tin nhắc đã gửi cho ông/bà (để không gửi trùng và để cán bộ kiểm tra).
    • Số lần thử liên kết: chỉ lưu dưới dạng mã băm ẩn danh, không có số điện thoại, tên hay mã Telegram, trong thời hạn khóa (1 giờ cho mỗi tài khoản, 24 giờ cho mỗi mã khách hàng). Bản ghi này không xóa được bằng /deletemydata để kẻ gian không dò được mã.
    Gõ /deletemydata để xóa liên kết và dữ liệu của ông/bà.
delete-done =
    Đã xóa: liên kết Telegram của ông/bà, dữ liệu các cuộc trò chuyện, và mọi tin nhắc đã gửi hoặc sắp gửi cho ông/bà.
    Còn giữ: số liệu khoản vay của ngân hàng (thuộc về ngân hàng, không do bot tạo ra); bản ghi số lần thử liên kết, đã ẩn danh (không có số điện thoại, tên hay mã Telegram), giữ đến hết thời hạn khóa (tối đa 24 giờ) để chống dò mã; và một dòng nhật ký chỉ ghi số lượng đã xóa.

## Balance and due dates
balance-title = <b>Dư nợ của hộ ông/bà</b>
balance-no-loans = Hộ ông/bà hiện không có khoản vay nào đang còn dư nợ.
balance-loan = <b>{ $programme }</b> (khế ước { $loan })
balance-outstanding = • Dư nợ: { $amount }
balance-overdue = • ⚠️ Quá hạn: { $amount }
balance-interest = • Lãi kỳ tới: { $amount }
balance-frozen = • Dư nợ khoanh: { $amount }
balance-unpaid-interest = • Lãi tồn: { $amount }
balance-relief = 🌧 { $text }: giảm { $reduction }%/năm đến hết { $to } ({ $basis }). Số lãi trong tin này là số ngân hàng báo; nếu chưa thấy mức giảm, xin hỏi tại điểm giao dịch xã.
balance-relief-suspended = ⏸ { $text }: ngân hàng tạm dừng thu lãi đến hết { $to } ({ $basis }). Trong thời gian này không phải nộp lãi; nợ gốc đến hạn vẫn trả như thường.
balance-session-total = 📅 Kỳ giao dịch { $date } tại { $place } ({ $hours }): cần mang <b>{ $total }</b>{ $parts }.
balance-part-interest = lãi { $amount }
balance-part-principal = gốc đến hạn { $amount }
balance-part-overdue = nợ quá hạn { $amount }
balance-part-unpaidInterest = lãi tồn { $amount }
balance-installment = • Gốc kỳ tới: { $amount }, ngày { $date }
balance-savings = Tiết kiệm qua Tổ: { $amount }
balance-group-head = Tổ trưởng: { $name }
balance-not-found = Chưa có dữ liệu của hộ ông/bà. Vui lòng hỏi tổ trưởng.
data-as-of = <i>Số liệu cập nhật ngày { $date }. Vui lòng đối chiếu tại điểm giao dịch xã.</i>
due-title = <b>Các kỳ trả sắp tới</b>
due-interest = • { $date }: nộp lãi { $amount } tại { $place } ({ $hours })
due-interest-estimated = • { $date }: nộp lãi khoảng { $amount } (ước tính) tại { $place } ({ $hours })
due-interest-suspended = • { $date }: tạm dừng thu lãi đến hết { $to } ({ $basis }), không phải nộp lãi kỳ này
due-principal = • { $date }: trả gốc { $amount } tại { $place }
due-none = Hộ ông/bà không có kỳ trả nào sắp tới.
group-head-with-phone = Tổ trưởng của ông/bà: <b>{ $name }</b>, điện thoại { $phone }.
group-head-no-phone = Tổ trưởng của ông/bà: <b>{ $name }</b>. Hãy gặp trực tiếp tại thôn.
group-head-self = Ông/bà là tổ trưởng của tổ.
group-head-unknown = Chưa có thông tin tổ trưởng của tổ ông/bà.
rate-limited = Ông/bà đang gửi quá nhanh. Vui lòng đợi vài giây rồi thử lại.

## Eligibility guide
menu-eligibility = ❓ Tôi có được vay?
answer-yes = Có
answer-no = Không
answer-unknown = Không rõ
elig-ask-status = Hộ ông/bà thuộc diện nào?
elig-status-poor = Hộ nghèo
elig-status-near-poor = Hộ cận nghèo
elig-status-left-poverty = Mới thoát nghèo (trong 3 năm)
elig-status-average = Hộ có mức sống trung bình
elig-status-other = Khác / không rõ
elig-poverty-line = (Chuẩn nghèo hiện hành: thu nhập từ { $rural }/người/tháng trở xuống ở nông thôn, { $urban } ở thành thị, kèm thiếu hụt dịch vụ xã hội cơ bản; theo { $basis }. Danh sách hộ nghèo, cận nghèo do xã công nhận.)
elig-ask-purpose = Ông/bà muốn vay để làm gì?
elig-purpose-production = Sản xuất, kinh doanh
elig-purpose-study = Cho con đi học
elig-purpose-job-creation = Tạo việc làm
elig-purpose-water-sanitation = Nước sạch, nhà vệ sinh
elig-purpose-housing = Nhà ở
elig-purpose-overseas-work = Đi làm việc ở nước ngoài
elig-ask-commune = Xã ông/bà có trong danh sách xã khó khăn không?
elig-ask-rural = Nhà ông/bà ở nông thôn phải không?
elig-fu-enrolled = Người đi học đã trúng tuyển hoặc đang học ở trường (đại học, cao đẳng, trung cấp, học nghề) chưa?
elig-fu-housing-law-group = Ông/bà có thuộc một trong 8 nhóm đối tượng được mua nhà ở xã hội theo Luật Nhà ở 2023 không?
elig-fu-has-contract = Ông/bà đã có hợp đồng đi làm việc ở nước ngoài chưa?
elig-fu-has-production-loan = Hộ ông/bà đang có khoản vay sản xuất kinh doanh hoặc tạo việc làm nào khác của NHCSXH không?
elig-fu-student-hardship = Người đi học có mồ côi (cả cha lẫn mẹ, hoặc một người mà người kia không còn khả năng lao động), hoặc gia đình đang gặp khó khăn do tai nạn, bệnh tật, thiên tai, hỏa hoạn, dịch bệnh được UBND xã xác nhận không?
elig-fu-served-sentence = Người vay có phải là người đã chấp hành xong án phạt tù, có tên trong danh sách của công an xã không?
elig-fu-is-trader = Người vay có phải là thương nhân đang kinh doanh thương mại ở vùng khó khăn không?
elig-fu-stem-field = Người học có học ngành khoa học, công nghệ, kỹ thuật hoặc toán (STEM) trong danh mục không?
elig-fu-ethnic-minority-programme = Hộ có phải hộ đồng bào dân tộc thiểu số thuộc Chương trình mục tiêu quốc gia vùng dân tộc thiểu số và miền núi không?
elig-result-title = <b>Các chương trình phù hợp với ông/bà</b>
elig-none = Theo câu trả lời, chưa có chương trình nào phù hợp. Hãy hỏi tổ trưởng hoặc hội đoàn thể ở thôn để được tư vấn thêm.
elig-max-amount = • Mức vay tối đa: { $text }
elig-rate = • Lãi suất: { $annual }%/năm ({ $monthly }%/tháng){ $caveat }, áp dụng từ { $since } theo { $basis }.{ $note }
elig-rate-unknown = • Lãi suất: chưa có số liệu, xin hỏi tại điểm giao dịch xã.{ $note }
elig-unconfirmed = {" "}(theo báo chí, chưa xác nhận)
elig-term = • Thời hạn: { $text }
elig-collateral = • Bảo đảm: { $text }
elig-documents = • Giấy tờ: { $list }
elig-first-step = • Bước đầu tiên: { $text }
elig-basis = • Căn cứ: { $text }
elig-rate-source = • Nguồn lãi suất: { $source } (kiểm tra ngày { $checked })
faq-sources-button = 📄 Căn cứ và nguồn
elig-footer = <i>{ $note }</i>
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
elig-reason-fu-has-production-loan = không cho hộ đang có khoản vay sản xuất kinh doanh hoặc tạo việc làm khác
elig-reason-fu-student-hardship = dành cho học sinh, sinh viên hộ nghèo, cận nghèo, mức sống trung bình, mồ côi hoặc gia đình gặp khó khăn
elig-reason-fu-served-sentence = dành cho người đã chấp hành xong án phạt tù
elig-reason-fu-is-trader = dành cho thương nhân ở vùng khó khăn
elig-reason-fu-stem-field = dành cho người học ngành STEM trong danh mục
elig-reason-fu-ethnic-minority-programme = dành cho hộ thuộc Chương trình mục tiêu quốc gia vùng dân tộc thiểu số
elig-to-confirm = • Cần xác nhận tại điểm giao dịch xã: { $list }

## FAQ (questions, search keywords, fixed answers)
faq-balance-q = Tôi còn nợ bao nhiêu?
faq-balance-k = dư nợ; còn nợ; còn nợ bao nhiêu; nợ bao nhiêu; số nợ
faq-interest-this-month-q = Tháng này đóng lãi bao nhiêu?
faq-interest-this-month-k = đóng lãi; nộp lãi; tiền lãi; lãi tháng này; khi nào đóng lãi
faq-transaction-day-q = Ngày giao dịch ở xã tôi là ngày mấy, ở đâu?
faq-transaction-day-k = ngày giao dịch; điểm giao dịch; giao dịch ở đâu
faq-next-principal-q = Kỳ trả gốc tới là khi nào, bao nhiêu?
faq-next-principal-k = trả gốc; kỳ trả gốc; tiền gốc; đến hạn
faq-overdue-mine-q = Tôi có khoản nào quá hạn không?
faq-overdue-mine-k = quá hạn; nợ quá hạn; trễ hạn
faq-my-group-head-q = Tổ trưởng của tôi là ai?
faq-my-group-head-k = tổ trưởng; tổ trưởng là ai; liên hệ tổ trưởng
faq-early-repayment-q = Trả trước hạn có bị phạt không?
faq-early-repayment-k = trả trước hạn; trả sớm; tất toán; phạt
faq-early-repayment-a = Ông/bà có thể trả nợ trước hạn tại điểm giao dịch xã; lãi chỉ tính đến ngày trả. Vui lòng xác nhận với tổ trưởng hoặc cán bộ ngân hàng tại điểm giao dịch.
faq-where-to-pay-q = Nộp lãi cho tổ trưởng hay ở điểm giao dịch?
faq-where-to-pay-k = nộp lãi ở đâu; tổ trưởng thu lãi; nộp ở đâu
faq-where-to-pay-a = Lãi hằng tháng thường nộp cho tổ trưởng; tổ trưởng nộp tại điểm giao dịch xã vào ngày giao dịch cố định. Tiền gốc trả trực tiếp cho tổ giao dịch của ngân hàng tại điểm giao dịch. Luôn nhận biên lai khi nộp tiền.
faq-poor-loan-q = Hộ nghèo vay tối đa bao nhiêu, lãi suất bao nhiêu?
faq-poor-loan-k = hộ nghèo; lãi suất hộ nghèo; vay hộ nghèo; mức vay hộ nghèo
faq-near-poor-loan-q = Hộ cận nghèo vay tối đa bao nhiêu, lãi suất bao nhiêu?
faq-near-poor-loan-k = cận nghèo; hộ cận nghèo; lãi suất hộ cận nghèo
faq-left-poverty-loan-q = Hộ mới thoát nghèo còn được vay không?
faq-left-poverty-loan-k = mới thoát nghèo; thoát nghèo
faq-student-loan-q = Lãi suất vay học sinh sinh viên, khi nào phải trả?
faq-student-loan-k = học sinh sinh viên; hssv; vay đi học; học phí; sinh viên vay; vay sinh viên
faq-water-loan-q = Vay nước sạch được bao nhiêu?
faq-water-loan-k = nước sạch; vay nước sạch; vệ sinh; nhà tiêu; giếng
faq-job-loan-q = Từ 2026 vay giải quyết việc làm được bao nhiêu?
faq-job-loan-k = việc làm; giải quyết việc làm; tạo việc làm
faq-overseas-loan-q = Vay xuất khẩu lao động cần gì?
faq-overseas-loan-k = xuất khẩu lao động; đi làm nước ngoài; hợp đồng lao động
faq-social-housing-loan-q = Lãi suất nhà ở xã hội?
faq-social-housing-loan-k = nhà ở xã hội; mua nhà; xây nhà
faq-disadvantaged-commune-loan-q = Không phải hộ nghèo, ở xã khó khăn có vay được không?
faq-disadvantaged-commune-loan-k = xã khó khăn; vùng khó khăn; sản xuất kinh doanh
faq-collateral-q = Có cần thế chấp không?
faq-collateral-k = thế chấp; tài sản bảo đảm
faq-collateral-a = Phần lớn chương trình cho hộ nghèo, cận nghèo, mới thoát nghèo, học sinh sinh viên, nước sạch không cần thế chấp. Khoản vay lớn (cơ sở sản xuất kinh doanh vay tạo việc làm, khoản vay đi làm việc ở nước ngoài vượt mức quy định, nhà ở xã hội) cần tài sản bảo đảm; mức cụ thể có trong thông tin từng chương trình.
faq-how-to-start-q = Muốn vay bắt đầu từ đâu, có phải vào Tổ không?
faq-how-to-start-k = bắt đầu; vào tổ; thủ tục vay; cách vay
faq-how-to-start-a = 1. Tham gia Tổ tiết kiệm và vay vốn ở thôn, viết giấy đề nghị vay và phương án (mẫu 01/TD). 2. Tổ họp bình xét. 3. Hội đoàn thể xem xét. 4. UBND xã xác nhận danh sách (mẫu 03/TD). 5. Tổ trưởng nộp hồ sơ cho phòng giao dịch. 6. Ngân hàng gửi thông báo phê duyệt (mẫu 04/TD). Số hiệu mẫu có thể đã thay đổi: hãy hỏi tổ trưởng.
faq-documents-q = Cần giấy tờ gì?
faq-documents-k = giấy tờ; hồ sơ; cần giấy tờ gì
faq-documents-a = Thường cần: giấy đề nghị vay vốn kiêm phương án sử dụng vốn (mẫu 01/TD), CCCD của người vay, và giấy tờ riêng của từng chương trình (ví dụ giấy xác nhận của nhà trường với HSSV). Bấm "❓ Tôi có được vay?" để xem giấy tờ của chương trình phù hợp.
faq-extension-q = Chưa trả được gốc, có được gia hạn không?
faq-extension-k = gia hạn; gia hạn nợ; chưa trả được; điều chỉnh kỳ hạn
faq-extension-a = Có thể xin gia hạn nợ: tối đa 12 tháng với khoản vay ngắn hạn, tối đa một nửa thời hạn vay với khoản trung và dài hạn. Hãy báo tổ trưởng trước ngày đến hạn để làm hồ sơ. Ngoài ra còn thủ tục điều chỉnh kỳ hạn nợ.
faq-penalty-interest-q = Quá hạn thì lãi phạt tính thế nào?
faq-penalty-interest-k = lãi phạt; phạt quá hạn; lãi quá hạn
faq-penalty-interest-a = Chỉ phần gốc đến hạn chưa trả mới bị chuyển quá hạn; phần còn lại vẫn trong hạn. Nợ gốc quá hạn chịu lãi bằng 130% lãi suất của chính khoản vay đó, nên trả càng sớm càng đỡ tốn.
faq-disaster-q = Nhà bị lũ, có được khoanh nợ không?
faq-disaster-k = lũ lụt; bão; thiên tai; dịch bệnh; hỏa hoạn; khoanh nợ; xóa nợ; rủi ro
faq-disaster-measures = Khi bị thiệt hại do { $causes }, hộ vay có thể đề nghị xử lý nợ bị rủi ro: { $measures } (theo { $basis }). Giảm lãi không phải là biện pháp của quy định này: khi có, đó là quyết định riêng của Thủ tướng cho từng đợt thiên tai.
faq-disaster-unconfirmed = Chưa xác nhận được từ nguồn: { $what }. Xin hỏi tổ trưởng hoặc điểm giao dịch xã, và báo càng sớm càng tốt sau khi bị thiệt hại.
faq-disaster-form = mẫu giấy đề nghị
faq-disaster-deadline = thời hạn nộp
faq-disaster-relief = 🌧 Đang áp dụng: { $text } ({ $provinces }), đến hết { $to } ({ $basis }).
faq-disaster-unknown = Xin hỏi tổ trưởng hoặc điểm giao dịch xã về thủ tục xử lý nợ bị rủi ro.
faq-source = <i>Nguồn: { $source }; kiểm tra ngày { $checked }.</i>
faq-poverty-line-q = Chuẩn nghèo hiện nay là bao nhiêu?
faq-poverty-line-k = chuẩn nghèo; hộ nghèo là gì; cận nghèo là gì; mức sống trung bình; chuẩn cận nghèo
faq-poverty-line-now = Chuẩn nghèo đang áp dụng (từ { $from }): thu nhập bình quân từ { $rural }/người/tháng trở xuống ở nông thôn, { $urban } ở thành thị ({ $basis }).
faq-poverty-line-next = Từ { $from }: { $rural }/người/tháng ở nông thôn, { $urban } ở thành thị ({ $basis }).
faq-poverty-indicators-unknown = Các chỉ số thiếu hụt dịch vụ xã hội cơ bản của giai đoạn này: chưa xác nhận được văn bản chính thức.
faq-poverty-unknown = Chưa có dữ liệu chuẩn nghèo cho thời điểm này: xin hỏi UBND xã.
faq-average-living = Hộ có mức sống trung bình (từ { $from }): thu nhập trên { $ruralOver } đến { $ruralUpTo }/người/tháng ở nông thôn, trên { $urbanOver } đến { $urbanUpTo } ở thành thị ({ $basis }).
faq-average-living-undefined = Hộ có mức sống trung bình từ { $from }: chưa có quy định chính thức, nên chúng tôi không nêu con số. Xin hỏi UBND xã.
faq-poverty-lists = Danh sách hộ nghèo, cận nghèo do UBND xã rà soát và công nhận.
faq-borrower-died-q = Người vay mất thì ai trả?
faq-borrower-died-k = người vay mất; người vay chết; qua đời
faq-borrower-died-a = Người vay chết là một trong các trường hợp được xem xét xử lý nợ bị rủi ro theo quy định. Gia đình hãy báo tổ trưởng để được hướng dẫn lập hồ sơ; các trường hợp cụ thể do ngân hàng xem xét.
faq-savings-minimum-q = Gửi tiết kiệm qua Tổ tối thiểu bao nhiêu?
faq-savings-minimum-k = tiết kiệm; gửi tiết kiệm; tiết kiệm tối thiểu
faq-savings-minimum-a = Gửi tiết kiệm qua Tổ tối thiểu 5.000 ₫ mỗi lần; tổ trưởng ghi vào biên lai (mẫu 01/BL) và danh sách (mẫu 13/TD).
menu-faq = 💬 Hỏi đáp
faq-intro = Hãy gõ câu hỏi của ông/bà (có dấu hay không dấu đều được), hoặc chọn một câu hỏi thường gặp:
faq-not-sure = Có phải ông/bà muốn hỏi một trong các câu sau?
faq-ask-head = 🙋 Hỏi tổ trưởng
faq-ask-head-text = Ông/bà có thể hỏi trực tiếp tổ trưởng Tổ tiết kiệm và vay vốn ở thôn, hoặc cán bộ hội đoàn thể, hoặc tại điểm giao dịch xã vào ngày giao dịch.
faq-no-match = Xin lỗi, tôi chưa hiểu câu hỏi. Ông/bà thử gõ ngắn gọn hơn, ví dụ "lãi suất hộ nghèo", hoặc hỏi tổ trưởng.

## Settings
menu-settings = ⚙️ Cài đặt
settings-title = Cài đặt nhắc nhở (bấm để bật/tắt):
settings-reminder-interest = Nhắc nộp lãi
settings-reminder-principal = Nhắc trả gốc
settings-reminder-overdue = Báo nợ quá hạn
settings-phone = Nhận SMS/Zalo khi Telegram không tới được
settings-phone-officer = Cán bộ đã ghi nhận hộ không nhận SMS/Zalo theo yêu cầu trước đây. Muốn nhận lại, xin báo cán bộ tín dụng hoặc tổ trưởng.

## Command menu
cmd-start = Bắt đầu, menu chính
cmd-link = Liên kết tài khoản vay
cmd-balance = Xem dư nợ
cmd-duedates = Lịch trả lãi và gốc
cmd-eligibility = Tôi có được vay?
cmd-faq = Hỏi đáp
cmd-grouphead = Tổ trưởng của tôi
cmd-settings = Cài đặt nhắc nhở
cmd-language = Đổi ngôn ngữ
cmd-unlink = Hủy liên kết
cmd-deletemydata = Xóa dữ liệu của tôi
cmd-privacy = Bot lưu gì về tôi

## Reminders (sent by the dispatcher; signed by the group head where one is known)
weekday = { $n ->
    [1] Thứ Hai
    [2] Thứ Ba
    [3] Thứ Tư
    [4] Thứ Năm
    [5] Thứ Sáu
    [6] Thứ Bảy
   *[7] Chủ nhật
}
reminder-interest =
    🔔 <b>Nhắc nộp lãi</b>
    Ngày giao dịch: <b>{ $date }</b>.
    Tiền lãi hộ ông/bà cần nộp: <b>{ $amount }</b>.
    Nơi nộp: { $place } ({ $hours }). Ông/bà cũng có thể nhờ tổ trưởng thu trước.
reminder-principal =
    🔔 <b>Nhắc trả nợ gốc</b>
    Kỳ trả gốc <b>{ $amount }</b> đến hạn ngày <b>{ $date }</b>.
    Nơi trả: { $place } ({ $hours }).
reminder-overdue =
    ⚠️ <b>Khoản vay quá hạn</b> (khế ước { $loan })
    Hộ ông/bà còn <b>{ $amount }</b> nợ gốc quá hạn từ ngày { $since } ({ $days } ngày).
    Nợ gốc quá hạn chịu lãi bằng 130% lãi suất cho vay: { $penaltyRate }%/năm thay vì { $rate }%/năm, nên trả càng sớm càng đỡ tốn.
    Nếu chưa trả được, hãy gặp tổ trưởng ngay: ngân hàng có thể gia hạn nợ hoặc điều chỉnh kỳ hạn nợ.
reminder-place-unknown = điểm giao dịch xã
session-assumed = <i>Ngày này tính theo lịch thường lệ: lịch nghỉ lễ mới có đến { $until }. Nếu có ngày nghỉ mới công bố, ngày giao dịch có thể đổi; tổ trưởng sẽ báo.</i>
reminder-signature-head = — { $name }, tổ trưởng tổ { $group }
reminder-signature-bank = { -operator.configured ->
        [yes] — { -operator }
       *[no] — Trợ lý thông tin tín dụng chính sách
    }
reminder-footer = <i>Bật/tắt tin nhắc: /settings</i>

## SMS (sent without diacritics: see domain/sms.ts) and Zalo notifications
sms-interest = NHCSXH: Hộ { $name } nộp lãi { $amount } ngày giao dịch { $date }.
sms-principal = NHCSXH: Hộ { $name } đến hạn trả gốc { $amount } ngày { $date }.
sms-overdue = NHCSXH: Hộ { $name } có { $amount } nợ gốc quá hạn từ { $since }. Gặp tổ trưởng để được hướng dẫn.
sms-signature = { " " }Tổ trưởng: { $name }.
sms-place = { " " }Nơi nộp: { $place }.
sms-collection = NHCSXH: Tổ { $group } có { $count } hộ nộp lãi ngày { $date }, tổng { $amount }.
sms-collection-overdue = { " " }{ $count } hộ có nợ quá hạn.
sms-stop = { " " }Từ chối tin: báo tổ trưởng.

## Lists for group heads and summaries for officers
list-part = (phần { $part }/{ $parts })
list-legend = <i>✅ nhận tin nhắc qua Telegram · 📵 không nhắn được, nên đến nhà · ○ chưa dùng bot</i>
list-to-visit = Cần báo trực tiếp: { $count } hộ (📵 và ○).
list-collection-title = 📋 <b>Danh sách thu ngày { $date }</b>
point-name = Điểm giao dịch { $name } ({ $commune })
point-name-former = Điểm giao dịch { $name } ({ $former } cũ), nay thuộc { $commune }
point-place = { $point } — { $place }
list-interest-suspended = ⏸ Tạm dừng thu lãi đến hết { $to } ({ $basis }): kỳ này chỉ thu nợ gốc đến hạn.
list-collection-group = Tổ { $group } · { $place } ({ $hours })
list-collection-row = { $n }. { $icon } { $name }: lãi { $interest }
list-collection-row-principal = { $n }. { $icon } { $name }: lãi { $interest }, gốc { $principal }
list-collection-total = <b>Tổng: lãi { $interest }, gốc { $principal }</b> ({ $count } hộ)
list-collection-empty = Không hộ nào trong tổ có khoản phải nộp kỳ này.
list-overdue-title = ⚠️ <b>Nợ quá hạn của tổ { $group }</b> (đến { $date })
list-overdue-new = Hôm qua có thành viên mới chuyển nợ quá hạn.
list-overdue-row = { $n }. { $icon } { $name }: { $amount }, { $days } ngày (từ { $since })
list-overdue-total = <b>Tổng quá hạn: { $amount }</b> ({ $count } hộ)
list-overdue-next-step = Hãy gặp các hộ này sớm; nếu gặp khó khăn thật sự, hướng dẫn họ làm đơn gia hạn hoặc điều chỉnh kỳ hạn nợ.
list-overdue-empty = Tổ không có nợ quá hạn. Cảm ơn tổ trưởng!
holidays-running-out = 📅 Dữ liệu ngày nghỉ lễ chỉ đầy đủ đến { $date }, chưa đủ { $days } ngày tới. Xin bổ sung lịch nghỉ (kể cả Tết và ngày làm bù) vào catalogue/holidays.json để nhắc hẹn và ngày giao dịch không rơi vào ngày nghỉ. Tin này nhắc lại mỗi ngày cho đến khi dữ liệu được bổ sung.
holidays-ran-out = ⚠️ Dữ liệu ngày nghỉ lễ đã hết từ sau { $date }: ngày giao dịch sau ngày đó đang được tính như không có ngày nghỉ nào, và tin nhắc ghi rõ điều này. Xin bổ sung lịch nghỉ vào catalogue/holidays.json. Tin này nhắc lại mỗi ngày cho đến khi dữ liệu được bổ sung.
summary-title = 📊 <b>Tổng hợp tuần đến { $date }</b>
summary-commune = • { $commune }: { $loans } khoản quá hạn, { $amount }; { $unreachable } thành viên không nhắn được
summary-total = <b>Tổng: { $loans } khoản quá hạn, { $amount }; { $unreachable } thành viên không nhắn được</b>
list-members-title = 👥 <b>Tổ { $group }</b>: { $count } hộ · ✅ { $linked } · 📵 { $unreachable } · ○ { $notLinked }
list-members-row = { $n }. { $icon } { $name }

## Group heads in the bot
menu-my-group = 📋 Tổ của tôi
menu-overdue = ⚠️ Quá hạn
group-head-only = Chức năng này chỉ dành cho tổ trưởng Tổ TK&VV đã liên kết tài khoản.
group-head-other-group = Ông/bà chỉ xem được tổ do mình làm tổ trưởng.
cmd-mygroup = Tổ của tôi: thành viên và danh sách thu
cmd-overdue = Danh sách nợ quá hạn của tổ

## Officers and admins
staff-only = Lệnh này chỉ dành cho cán bộ được cấp quyền.
admin-only = Lệnh này chỉ dành cho quản trị viên.
grant-usage = Cách dùng: /grant <Telegram ID> all | office:MÃ_PGD,… | commune:MÃ_XÃ,… | point:MÃ_ĐIỂM,…
grant-done = Đã cấp quyền cán bộ cho { $id } (phạm vi: { $scope }).
revoke-usage = Cách dùng: /revoke <Telegram ID>
revoke-done = Đã thu hồi quyền cán bộ của { $id }.
revoke-none = { $id } không phải cán bộ đang có quyền.
closure-usage = Thêm ngày điểm giao dịch nghỉ: /closure dd/mm/yyyy dd/mm/yyyy Tên (ví dụ /closure 08/03/2027 08/03/2027 Nghỉ bù). Các ngày nghỉ từ hôm nay:
closure-row = • { $from } – { $to }: { $name }
closure-bad = Ngày chưa đúng: cần ngày bắt đầu và kết thúc dạng dd/mm/yyyy, kết thúc không trước bắt đầu và không ở quá khứ.
closure-added = Đã thêm ngày nghỉ { $from } – { $to }. Nhắc hẹn và ngày giao dịch tính theo lịch mới từ lần lập kế hoạch tới.
closure-scope = Lịch nghỉ là chung cho cả ngân hàng: chỉ quản trị viên hoặc cán bộ phạm vi toàn bộ được thêm.
find-usage = Cách dùng: /find <mã khách hàng>
find-not-found = Không tìm thấy hộ { $code } trong phạm vi của anh/chị.
optout-usage = Cách dùng: /optout <mã khách hàng> (hộ không muốn nhận SMS và Zalo)
optout-done = Đã ghi nhận: hộ { $code } sẽ không nhận SMS và Zalo. Tin qua Telegram (nếu có liên kết) vẫn gửi như cũ.
optin-usage = Cách dùng: /optin <mã khách hàng>
optin-done = Hộ { $code } sẽ nhận lại SMS/Zalo khi Telegram không tới được.
optin-borrower-own = Hộ { $code } tự tắt SMS/Zalo trong phần cài đặt của bot; chỉ chính hộ bật lại được.
find-title = 🔎 <b>{ $code }</b> · { $name }
find-place = Tổ { $group } · { $commune } · { $role }
find-role-head = tổ trưởng
find-role-deputy = tổ phó
find-role-member = thành viên
find-link = Telegram: { $status }
find-phone-allowed = SMS/Zalo: nhận được (khi Telegram không tới được)
find-phone-refused = SMS/Zalo: hộ đã từ chối
find-link-linked = đã liên kết ({ $count } tài khoản)
find-link-unreachable = đã liên kết nhưng không nhắn được
find-link-none = chưa liên kết
find-loans = Khoản vay: { $count } · dư nợ { $outstanding } · quá hạn { $overdue }
find-savings = Tiết kiệm: { $amount }
find-deliveries = Tin gửi gần đây:
find-delivery = • { $date } { $kind } ({ $channel }): { $outcome }
find-no-deliveries = Chưa có tin nào gửi cho hộ này.
audit-title = <b>Nhật ký thao tác gần đây</b>
audit-row = { $at } · { $actor } · { $action } { $scope } { $counts }
audit-empty = Nhật ký trống.

## Broadcasts
broadcast-header = { -operator.configured ->
        [yes] 📢 <b>Thông báo từ { -operator }</b>
       *[no] 📢 <b>Thông báo của cán bộ tín dụng chính sách</b>
    }
broadcast-compose = Xin gửi nội dung thông báo: văn bản, hoặc ảnh/tệp kèm chú thích. Gõ /cancel để hủy.
broadcast-compose-unsupported = Xin gửi văn bản, ảnh hoặc tệp. Gõ /cancel để hủy.
broadcast-too-long = Nội dung dài { $length } ký tự, tối đa { $max }. Xin rút gọn rồi gửi lại.
broadcast-preview = ☝️ Người nhận sẽ thấy đúng như trên. Gửi cho ai?
broadcast-audience-all = Tất cả trong phạm vi
broadcast-audience-commune = Một xã
broadcast-audience-point = Một điểm giao dịch
broadcast-audience-group = Một tổ
broadcast-audience-programme = Một chương trình
broadcast-audience-overdue = Hộ có nợ quá hạn
broadcast-audience-heads = Chỉ tổ trưởng
broadcast-audience-national = Toàn quốc (mọi chi nhánh)
broadcast-national-only = Lệnh này chỉ dành cho quản trị viên của Hội sở chính.
broadcast-national-usage = Cách dùng: /national <mã thông báo>
broadcast-national-title = 📣 <b>Thông báo toàn quốc { $id }</b>: tiến độ theo chi nhánh
broadcast-national-row = • { $branch }: đã gửi { $sent }/{ $total }, không gửi được { $notDelivered }, còn lại { $left }
broadcast-ask-code-commune = Xin nhập mã xã.
broadcast-ask-code-point = Xin nhập mã điểm giao dịch.
broadcast-ask-code-group = Xin nhập mã tổ.
broadcast-ask-code-programme = Xin nhập mã chương trình (ví dụ HN).
broadcast-code-unknown = Không tìm thấy mã { $code } trong phạm vi của anh/chị. Xin nhập lại, hoặc gõ /cancel.
broadcast-reach = Sẽ gửi đến <b>{ $count }</b> tài khoản Telegram ({ $audience }).
broadcast-reach-unreachable = { $count } tài khoản không nhắn được sẽ được bỏ qua.
broadcast-reach-approval = Trên { $threshold } người nhận: cần một cán bộ khác duyệt trước khi gửi.
broadcast-reach-none = Không có ai đã liên kết trong nhóm này. Thông báo không được gửi.
broadcast-send-now = Gửi ngay
broadcast-schedule = Hẹn giờ
broadcast-discard = Hủy
broadcast-ask-time = Xin nhập ngày giờ gửi (giờ Việt Nam) dạng dd/mm/yyyy hh:mm, ví dụ 01/12/2026 08:00.
broadcast-bad-time = Chưa hiểu “{ $text }”. Xin nhập dạng dd/mm/yyyy hh:mm, sau thời điểm hiện tại.
broadcast-discarded = Đã hủy bản soạn thông báo.
broadcast-not-yours = Thông báo này không còn chờ anh/chị thao tác.
broadcast-approval-sent = Thông báo { $id } cần được duyệt. Đã gửi yêu cầu cho { $count } cán bộ có quyền duyệt.
broadcast-approval-none = Thông báo { $id } cần được duyệt, nhưng bot chưa nhắn được cho cán bộ duyệt nào. Cán bộ duyệt có thể gõ /approve { $id }.
broadcast-approval-request = 📝 Thông báo <b>{ $id }</b> chờ duyệt: gửi đến { $count } tài khoản ({ $audience }), người soạn { $maker }. Nội dung ở tin trên.
broadcast-approve = Duyệt
broadcast-reject = Từ chối
broadcast-approve-usage = Cách dùng: /approve <mã thông báo>
broadcast-approve-own = Anh/chị không thể tự duyệt thông báo của mình.
broadcast-maker-revoked = Người soạn thông báo { $id } không còn là cán bộ được cấp quyền, nên thông báo đã bị hủy, không gửi.
broadcast-approve-scope = Thông báo này gửi đến ngoài phạm vi của anh/chị, nên anh/chị không duyệt được.
broadcast-approved = Đã duyệt thông báo { $id }.
broadcast-rejected = Đã từ chối thông báo { $id }.
broadcast-approved-maker = Thông báo { $id } đã được duyệt.
broadcast-rejected-maker = Thông báo { $id } bị từ chối và sẽ không được gửi.
broadcast-cancelled = Đã dừng thông báo { $id }. Tin chưa gửi sẽ không được gửi.
broadcast-cancel-none = Không có thông báo nào đang chờ hoặc đang gửi để dừng.
broadcast-progress-title = 📢 Thông báo { $id }
broadcast-progress-scheduled = Sẽ bắt đầu gửi lúc { $time } ngày { $date } đến { $total } tài khoản.
broadcast-progress-counts = Đã gửi: { $sent } · Không gửi được: { $failed } · Còn lại: { $left }
broadcast-progress-eta = Ước tính còn: { $eta }
broadcast-eta = { $hours ->
    [0] { $minutes } phút { $seconds } giây
   *[other] { $hours } giờ { $minutes } phút
}
broadcast-report-done = ✅ Thông báo { $id } đã gửi xong.
broadcast-report-cancelled = ⏹ Thông báo { $id } đã dừng.
broadcast-report-sent = Đã gửi: { $count }
broadcast-report-unreachable-count = Không nhắn được: { $count }
broadcast-report-failed = Lỗi: { $count }
broadcast-report-uncertain = Không rõ đã đến chưa: { $count }
broadcast-report-expired = Quá hạn gửi: { $count }
broadcast-report-skipped = Bỏ qua: { $count }
broadcast-report-not-sent = Không gửi: { $count }
broadcast-report-unreachable = Không nhắn được { $count } hộ: { $codes }
broadcast-report-more = … và { $count } hộ khác.
cmd-broadcast = Soạn và gửi thông báo
cmd-cancel = Hủy thao tác hoặc dừng thông báo
cmd-approve = Duyệt thông báo
cmd-national = Tiến độ thông báo toàn quốc theo chi nhánh
cmd-stats = Thống kê trong phạm vi

## Import by chat
import-chat-wrong-type = Bot chỉ nhận tệp .csv hoặc .xlsx theo mẫu của ngân hàng.
import-chat-too-big = Tệp nặng { $size } MB, quá giới hạn { $max } MB bot tải được. Xin nhập bằng lệnh trên máy chủ: npm run import -- <tệp>
import-chat-checking = Đang kiểm tra tệp…
import-chat-ask = Chưa ghi gì vào dữ liệu. Áp dụng tệp này?
import-chat-apply = Áp dụng
import-chat-discard = Bỏ
import-chat-errors-file = Danh sách đủ { $count } lỗi ở tệp đính kèm.
import-chat-points-scope = Phạm vi của anh/chị là một số điểm giao dịch. Tệp dữ liệu ghi cả thông tin xã, rộng hơn phạm vi đó, nên anh/chị không nhập được; xin nhờ cán bộ phạm vi phòng giao dịch hoặc xã nhập giúp.
import-chat-scope = Tệp có { $count } dòng chạm tới dữ liệu ngoài phạm vi của anh/chị (theo tệp hoặc theo dữ liệu đang lưu). Không có gì được ghi.
import-chat-scope-row = • Dòng { $row }, cột { $column }: { $code }
import-chat-failed = Xin lỗi, không xử lý được tệp này (tệp quá lớn khi giải nén hoặc bị hỏng). Không có gì được ghi. Xin kiểm tra lại tệp, hoặc nhập bằng lệnh trên máy chủ.
import-chat-expired = Không còn tệp nào chờ áp dụng. Xin gửi lại tệp.
import-chat-discarded = Đã bỏ tệp; không ghi gì vào dữ liệu.

## Statistics
scope-all = toàn bộ
stats-title = 📊 <b>Thống kê</b> · { $scope } · { $date }
stats-linked = Hộ đã liên kết Telegram: { $linked }/{ $households } ({ $percent })
stats-deliveries = Tin nhắc 7 ngày qua: đã gửi { $sent }, không gửi được { $failed }
stats-unreachable = Thành viên không nhắn được: { $count }
stats-codes-attacked = ⚠️ Mã bị khóa liên kết 24 giờ qua (có người thử sai nhiều lần): { $count } — { $codes }
stats-overdue-title = <b>Nợ quá hạn theo xã</b>
stats-overdue-row = • { $commune }: { $amount } ({ $count } khế ước)
stats-overdue-points-title = <b>Nợ quá hạn theo điểm giao dịch</b>
stats-overdue-point-row = • { $point } ({ $commune }): { $amount } ({ $count } khế ước)
stats-top-groups = <b>10 tổ quá hạn nhiều nhất</b>
stats-group-row = • { $group } ({ $commune }): { $amount }
stats-trend = <b>Nợ quá hạn 8 tuần</b>
stats-trend-row = • Tuần { $week }: { $amount }
stats-phone-title = <b>SMS và Zalo 30 ngày qua</b>
stats-phone-sms-row = • { $commune }, SMS: { $messages } tin, { $segments } phần tin, { $cost }
stats-phone-zns-row = • { $commune }, Zalo: { $messages } tin, { $cost }
stats-phone-in-doubt = {" "}(trong đó { $count } tin chưa rõ đã đến hay chưa: có thể đã bị tính phí)
stats-phone-no-price = chưa đặt giá
stats-phone-total = Chi phí ước tính: { $cost }
stats-phone-total-unpriced = Chưa đặt giá cho mọi kênh (SMS_PRICE_PER_SEGMENT, ZNS_PRICE_PER_MESSAGE): chưa tính được tổng chi phí.
stats-none = Chưa có dữ liệu trong phạm vi của anh/chị.
stats-chart-overdue = Nợ quá hạn theo xã (triệu ₫)
stats-chart-overdue-points = Nợ quá hạn theo điểm giao dịch (triệu ₫)
stats-chart-trend = Nợ quá hạn 8 tuần (triệu ₫)
cmd-find = Tra cứu một hộ trong phạm vi
cmd-optout = Ghi nhận một hộ không nhận SMS/Zalo
cmd-optin = Cho một hộ nhận lại SMS/Zalo
cmd-closure = Ngày điểm giao dịch nghỉ
cmd-grant = Cấp quyền cán bộ
cmd-revoke = Thu hồi quyền cán bộ
cmd-audit = Nhật ký thao tác

# A message sent again after a crash left it in doubt, and the list of those not sent again.
resend-marker = (gửi lại)
in-doubt-title = <b>Tin có thể chưa đến người nhận ({ $date })</b>: bot dừng giữa chừng khi đang gửi { $count } tin dưới đây, nên không rõ tin đã đi hay chưa, và bot không gửi lại. Xin kiểm tra với người nhận.
in-doubt-row = • Hộ { $household }, tổ { $group }: { $kind } ngày { $date }
delivery-kind-interest = nhắc nộp lãi
delivery-kind-principal = nhắc trả gốc
delivery-kind-overdue = báo nợ quá hạn
delivery-kind-collection-list = danh sách thu của tổ
delivery-kind-overdue-list = danh sách nợ quá hạn của tổ
delivery-kind-officer-summary = tóm tắt cho cán bộ
delivery-kind-broadcast = thông báo
delivery-kind-in-doubt-report = danh sách tin chưa rõ
delivery-kind-channel-alert = cảnh báo kênh gửi
delivery-kind-disaster-notice = thông báo thiên tai
channel-down-alert = ⚠️ <b>{ $channel } không gửi được</b> từ { $since }: { $reason }. Tin nhắn chờ, không bị bỏ: bot thử lại và gửi khi { $channel } hoạt động trở lại, nếu tin chưa quá hạn.
channel-up-alert = ✅ <b>{ $channel } gửi lại được</b> (ngừng từ { $since }). Tin chờ đang được gửi.

stats-national-title = 📊 <b>Thống kê toàn quốc</b> · { $branches } chi nhánh · { $date }
stats-national-row = • { $branch }: { $linked }/{ $households } hộ đã liên kết ({ $percent }); tin nhắc 7 ngày: { $sent } đã gửi, { $failed } không gửi được; quá hạn { $amount } ({ $count } khế ước)
stats-national-total = <b>Cả nước</b>: { $linked }/{ $households } hộ đã liên kết ({ $percent }); tin nhắc 7 ngày: { $sent } đã gửi, { $failed } không gửi được; quá hạn { $amount } ({ $count } khế ước)
stats-national-own = Số liệu chi tiết của riêng chi nhánh này: /stats branch

cmd-hardship = Báo gặp khó khăn (thiên tai, mất mùa, ốm đau…)

hardship-intro = <b>Báo gặp khó khăn</b>
    Nếu gia đình gặp thiên tai, mất mùa, ốm đau, mất việc… khiến việc trả nợ khó khăn, hãy báo để tổ trưởng và cán bộ Ngân hàng biết.
hardship-none = Hộ chưa có báo cáo nào.
hardship-item = • { $reference } ({ $filed }): { $reason }: <b>{ $status }</b>
hardship-new-button = ➕ Báo mới
hardship-withdraw-button = Rút báo cáo { $reference }
hardship-ask-reason = Gia đình gặp chuyện gì?
hardship-reason-crop-livestock = Mất mùa, vật nuôi chết
hardship-reason-house-damaged = Nhà cửa hư hại
hardship-reason-illness-death = Ốm đau hoặc người thân mất
hardship-reason-job-lost = Mất việc làm
hardship-reason-other = Lý do khác
hardship-ask-when = Chuyện xảy ra khi nào?
hardship-when-this-week = Trong tuần này
hardship-when-this-month = Trong tháng này
hardship-when-earlier = Trước đó
hardship-ask-loan = Ảnh hưởng đến khoản vay nào?
hardship-loan-all = Tất cả / không rõ
hardship-ask-text = Kể ngắn gọn điều đã xảy ra (tối đa { $max } ký tự), hoặc bấm Bỏ qua.
hardship-skip = Bỏ qua
hardship-send = Gửi
hardship-cancel = Huỷ
hardship-cancelled = Đã huỷ, chưa có gì được gửi.
hardship-use-buttons = Vui lòng chọn bằng các nút ở tin nhắn trên, hoặc bấm Huỷ.
hardship-text-only = Vui lòng gõ vài dòng chữ, hoặc bấm Bỏ qua.
hardship-text-too-long = Nội dung dài { $length } ký tự, quá { $max }. Vui lòng viết ngắn hơn; chi tiết sẽ ghi trong hồ sơ giấy.
hardship-stale = Nút này không còn dùng được. Gõ /hardship để bắt đầu lại.
hardship-confirm = <b>Kiểm tra trước khi gửi</b>
    Chuyện: { $reason }
    Khi nào: { $when }
    Khoản vay: { $loan }
    Nội dung: { $text }
hardship-filed = Đã nhận báo cáo, mã <b>{ $reference }</b>. Tổ trưởng sẽ xác nhận, sau đó cán bộ Ngân hàng xem xét.
    Lưu ý: việc gia hạn, khoanh hay xoá nợ do Ngân hàng quyết định theo hồ sơ giấy (đơn đề nghị có xác nhận của tổ trưởng và UBND xã), nộp tại điểm giao dịch của xã, càng sớm càng tốt trước kỳ trả nợ. Báo cáo này giúp cán bộ biết sớm, chưa phải là quyết định.
    Xem trạng thái: /hardship
hardship-not-found = Không tìm thấy báo cáo này.
hardship-withdraw-withdrawn = Đã rút báo cáo { $reference }.
hardship-withdraw-not-found = Không tìm thấy báo cáo này.
hardship-withdraw-too-late = Báo cáo { $reference } đã được chuyển đi xử lý, không rút được nữa. Vui lòng liên hệ cán bộ tại điểm giao dịch.
hardship-status-awaiting-head = chờ tổ trưởng xác nhận
hardship-status-new = cán bộ đã nhận
hardship-status-checking = đang kiểm tra
hardship-status-needs-form = cần bổ sung hồ sơ giấy
hardship-status-sent-to-office = đã chuyển phòng giao dịch
hardship-status-decided = đã có quyết định
hardship-status-withdrawn = đã rút
cmd-hardshipqueue = Báo cáo khó khăn của hộ vay cần xử lý
hardship-head-intro = <b>Thành viên trong tổ báo gặp khó khăn, chờ ông/bà xác nhận</b>
hardship-head-item = • { $reference }: { $member }: { $reason }
hardship-head-ask = Thành viên <b>{ $member }</b> báo gặp khó khăn ({ $reason }, { $when }), mã { $reference }. Nếu ông/bà biết hoàn cảnh này, vui lòng xác nhận để cán bộ Ngân hàng xem xét sớm.
hardship-head-confirm-button = Đúng, tôi biết hoàn cảnh
hardship-head-confirm-button-of = Xác nhận { $reference }
hardship-head-confirmed = Đã xác nhận báo cáo { $reference }. Cán bộ Ngân hàng sẽ xem xét.
hardship-head-already = Báo cáo { $reference } không còn chờ xác nhận.
hardship-told-confirmed = Tổ trưởng đã xác nhận báo cáo { $reference }. Trạng thái: <b>{ $status }</b>.
hardship-told-moved = Báo cáo { $reference } của ông/bà: <b>{ $status }</b>.
hardship-told-decided = Báo cáo { $reference } của ông/bà đã có quyết định số { $number }: <b>{ $decision }</b>. Cán bộ tại điểm giao dịch sẽ hướng dẫn giấy tờ kèm theo.
hardship-told-needs-form = Báo cáo { $reference } của ông/bà cần hồ sơ giấy. Còn thiếu: { $missing }. Vui lòng mang đến điểm giao dịch của xã, càng sớm càng tốt trước kỳ trả nợ.
hardship-note-needs-form = Hồ sơ giấy của báo cáo { $reference } còn thiếu gì? Gõ ngắn gọn (tối đa { $max } ký tự); người vay sẽ nhận được nội dung này.
hardship-note-decided = Số quyết định của Ngân hàng cho báo cáo { $reference }? (tối đa { $max } ký tự)
hardship-queue-intro = <b>Báo cáo khó khăn cần xử lý</b> ({ $count })
hardship-queue-empty = Không có báo cáo nào.
hardship-queue-item = • { $reference } · { $commune } · { $reason } · { $status } · { $head }
hardship-head-ok = tổ trưởng đã xác nhận
hardship-head-timed-out = tổ trưởng không trả lời sau { $days } ngày
hardship-head-none = chưa có xác nhận của tổ trưởng
hardship-detail = <b>Báo cáo { $reference }</b>
    Hộ: { $household } · { $member }
    Chuyện: { $reason } ({ $when })
    Khoản vay: { $loan }
    Nội dung: { $text }
    Trạng thái: <b>{ $status }</b> · { $head }
hardship-move-checking = Bắt đầu kiểm tra
hardship-move-needs-form = Cần hồ sơ giấy
hardship-move-sent-to-office = Đã chuyển phòng giao dịch
hardship-move-stale = Báo cáo { $reference } đã thay đổi hoặc không chuyển được sang bước này. Mở lại để xem trạng thái hiện tại.
hardship-decision-extended = Gia hạn nợ
hardship-decision-frozen = Khoanh nợ
hardship-decision-written-off = Xoá nợ
hardship-decision-refused = Không chấp thuận
hardship-export-sheet = Báo cáo khó khăn
hardship-export-caption = Bảng báo cáo khó khăn ({ $count } báo cáo) để làm hồ sơ giấy.
hardship-col-reference = Mã báo cáo
hardship-col-filed = Ngày báo
hardship-col-household = Mã khách hàng
hardship-col-member = Họ tên
hardship-col-group = Mã tổ
hardship-col-commune = Xã
hardship-col-reason = Nguyên nhân
hardship-col-when = Thời gian xảy ra
hardship-col-from = Từ ngày
hardship-col-loan = Khế ước
hardship-col-text = Nội dung người vay báo
hardship-col-head = Tổ trưởng xác nhận
hardship-col-status = Trạng thái
hardship-col-missing = Hồ sơ còn thiếu
hardship-col-decision = Quyết định
hardship-col-decision-number = Số quyết định
hardship-col-yes = Có
hardship-col-no = Không

list-overdue-report-open = 📝 đã báo khó khăn
disaster-notice = <b>{ $name } ({ $from }–{ $until })</b>
    Ngân hàng Chính sách xã hội tạm dừng nhắc nộp lãi và nợ quá hạn cho địa bàn của ông/bà đến hết ngày { $until }.
    Nếu gia đình bị thiệt hại (nhà cửa, mùa màng, vật nuôi, sức khoẻ), ông/bà có thể báo cho Ngân hàng bằng lệnh /hardship. Tổ trưởng sẽ xác nhận và cán bộ sẽ hướng dẫn hồ sơ giấy.
    Ngân hàng không bao giờ yêu cầu chuyển tiền vào tài khoản cá nhân hay cung cấp mã OTP.
disaster-notice-relief = Địa bàn thuộc phạm vi hỗ trợ theo { $basis }; cán bộ tại điểm giao dịch sẽ hướng dẫn cụ thể.
cmd-disaster = Thiên tai: tạm dừng nhắc nợ theo địa bàn
disaster-usage = <b>Chế độ thiên tai</b>
    Khai báo: <code>/disaster commune:MÃXÃ 28/09/2025-15/10/2025 bão số 10</code> (hoặc <code>point:MÃĐIỂM</code>). Cần một cán bộ khác phê duyệt.
    Trong thời gian này không gửi nhắc nộp lãi và nợ quá hạn cho địa bàn; hộ vay nhận một thông báo hướng dẫn báo khó khăn. Hết thời gian, các khoản còn nợ được nhắc lại một lần.
disaster-list-title = <b>Sự kiện trong phạm vi của ông/bà</b>
disaster-none = Chưa có sự kiện nào.
disaster-row = { $name } · { $area } · { $from }–{ $until } · <b>{ $status }</b> · <code>{ $id }</code>
disaster-area-commune = xã { $name }
disaster-area-point = điểm giao dịch { $name }
disaster-status-proposed = chờ phê duyệt
disaster-status-declared = đã công bố
disaster-status-refused = không phê duyệt
disaster-in-force = (đang áp dụng)
disaster-bad-format = Không đọc được khai báo. Ví dụ: <code>/disaster commune:MÃXÃ 28/09/2025-15/10/2025 bão số 10</code>
disaster-bad-dates = Ngày không hợp lệ. Viết ngày theo dạng dd/mm/yyyy.
disaster-bad-order = Ngày kết thúc phải sau ngày bắt đầu.
disaster-bad-too-long = Thời gian quá dài (tối đa 1 năm).
disaster-bad-name = Tên sự kiện cần từ 1 đến 80 ký tự.
disaster-area-unknown = Không tìm thấy địa bàn này trong phạm vi của ông/bà.
disaster-exists = Sự kiện { $id } đã được khai báo trước đó. Gõ /disaster để xem.
disaster-proposed = Đã khai báo: { $line }
    Đã gửi đề nghị phê duyệt cho { $approvers } cán bộ. Chế độ thiên tai chỉ áp dụng khi được phê duyệt.
disaster-approval-request = <b>Đề nghị công bố thiên tai</b>
    { $line }
    Người khai báo: { $maker }
disaster-approve = Phê duyệt
disaster-approve-of = Phê duyệt { $id }
disaster-refuse = Không phê duyệt
disaster-end-of = Kết thúc { $id } từ hôm nay
disaster-declared = Sự kiện { $id } đã được công bố.
disaster-refused = Sự kiện { $id } không được phê duyệt.
disaster-ended = Sự kiện { $id } kết thúc từ hôm nay; các khoản còn nợ sẽ được nhắc lại.
disaster-own = Người khai báo không tự phê duyệt được; cần một cán bộ khác.
disaster-stale = Sự kiện này đã thay đổi. Gõ /disaster để xem trạng thái hiện tại.
disaster-not-found = Không tìm thấy sự kiện này trong phạm vi của ông/bà.
stats-hardship-title = <b>Báo cáo khó khăn theo xã</b>
stats-hardship-commune = • { $commune }: { $counts }
stats-disaster-in-force = ⚠️ Đang áp dụng chế độ thiên tai: { $name } ({ $area }, { $from }–{ $until })
hardship-ask-photos = Ông/bà có thể gửi tối đa { $max } ảnh thiệt hại (chụp hoặc gửi dạng tệp JPEG/PNG). Gửi xong, hoặc không có ảnh, bấm Xong.
hardship-photos-done = Xong
hardship-photos-use-buttons = Vui lòng gửi ảnh, hoặc bấm Xong để tiếp tục.
hardship-photo-added = Đã nhận ảnh { $n }/{ $max }. Gửi thêm, hoặc bấm Xong.
hardship-photo-bad = Chỉ nhận ảnh JPEG hoặc PNG, mỗi ảnh tối đa { $mb } MB.
hardship-photo-too-many = Đã đủ { $max } ảnh. Bấm Xong để tiếp tục.
hardship-confirm-photos = Ảnh: { $count }
hardship-location-removed = Thông tin vị trí trong ảnh sẽ được xoá trước khi lưu.
hardship-location-kept = Ông/bà đồng ý giữ thông tin vị trí trong ảnh (giúp cán bộ xác minh).
hardship-location-keep = Giữ vị trí trong ảnh
hardship-location-remove = Xoá vị trí trong ảnh
hardship-photos-kept = Đã lưu { $kept }/{ $sent } ảnh.
hardship-head-file-button = Báo thay thành viên không có điện thoại
hardship-head-none-waiting = <b>Tổ trưởng</b>: không có báo cáo nào của thành viên chờ ông/bà xác nhận.
hardship-head-file-none = Trong tổ không có thành viên nào vừa không có số điện thoại vừa chưa liên kết Telegram.
hardship-head-file-pick = Báo thay cho thành viên nào? (chỉ các hộ không có số điện thoại và chưa liên kết)
hardship-head-file-for = Báo thay cho <b>{ $member }</b>.
hardship-filed-by-head = Đã nhận báo cáo, mã <b>{ $reference }</b>, do tổ trưởng báo thay. Cán bộ Ngân hàng sẽ xem xét; vui lòng giúp thành viên chuẩn bị hồ sơ giấy có xác nhận của tổ và UBND xã, nộp tại điểm giao dịch trước kỳ trả nợ.
hardship-head-note-button = Thêm ghi chú
hardship-head-note-ask = Ghi chú của ông/bà về báo cáo { $reference } (tối đa { $max } ký tự). Cán bộ Ngân hàng sẽ đọc ghi chú này.
hardship-head-noted = Đã gửi ghi chú về báo cáo { $reference } cho cán bộ Ngân hàng.
hardship-detail-by-head = Tổ trưởng báo thay (thành viên không có điện thoại)
hardship-detail-head-note = Ghi chú của tổ trưởng: { $note }
hardship-col-head-note = Ghi chú của tổ trưởng
hardship-col-by-head = Tổ trưởng báo thay
hardship-col-photos = Số ảnh

## Bảng theo dõi (Mini App, src/dashboard)
dashboard-menu-button = Bảng theo dõi
dashboard-title = Bảng theo dõi
dashboard-loading = Đang tải…
dashboard-error-unauthorized = Phiên mở bảng theo dõi đã hết hạn hoặc không hợp lệ. Xin đóng và mở lại từ nút menu của bot.
dashboard-error-forbidden = Bảng theo dõi chỉ dành cho tổ trưởng và cán bộ ngân hàng.
dashboard-error-generic = Có lỗi khi tải dữ liệu. Xin thử lại sau ít phút.
dashboard-head-title = Tổ { $group }
dashboard-head-session = Buổi giao dịch tới: { $date } tại { $place }
dashboard-head-no-session = Chưa có lịch buổi giao dịch tới.
dashboard-head-suspended = Kỳ này tạm dừng thu lãi: chỉ thu gốc đến hạn.
dashboard-head-total = Tổng phải thu buổi tới: { $amount }
dashboard-col-member = Thành viên
dashboard-col-due = Phải nộp buổi tới
dashboard-col-overdue = Quá hạn
dashboard-col-reached = Tin nhắc
dashboard-col-report = Báo khó khăn
dashboard-settled = Không còn phải nộp
dashboard-open-report = Đang xử lý
dashboard-not-reached = Chưa có tin nhắc
dashboard-as-of = Số liệu theo lần cập nhật dữ liệu gần nhất của ngân hàng; khoản đã nộp sau đó chỉ hiện sau lần cập nhật tới.
dashboard-overview-title = Tổng quan
dashboard-filter = Xem
dashboard-filter-all = Toàn bộ phạm vi
dashboard-overdue = Nợ quá hạn: { $amount } ({ $count } khế ước)
dashboard-trend = Nợ quá hạn 8 tuần (₫)
dashboard-week = Buổi giao dịch trong 7 ngày tới
dashboard-week-none = Không có buổi giao dịch nào trong 7 ngày tới.
dashboard-points = Theo điểm giao dịch
dashboard-col-point = Điểm giao dịch
dashboard-col-commune = Xã
dashboard-col-date = Ngày
dashboard-col-place = Địa điểm
dashboard-col-count = Số khế ước
dashboard-reach = Tin nhắc 7 ngày qua theo kênh
dashboard-reach-none = Chưa có tin nhắc nào trong 7 ngày qua.
dashboard-col-channel = Kênh
dashboard-col-outcome = Kết quả
dashboard-in-doubt = Tin chưa rõ đã đến hay chưa (7 ngày qua)
dashboard-deliveries-as-of = Số liệu tin nhắn lúc { $time } (cập nhật mỗi phút).
dashboard-in-doubt-none = Không có tin nào chưa rõ.
dashboard-col-household = Mã khách hàng
dashboard-col-kind = Loại tin
dashboard-broadcasts = Thông báo 7 ngày qua
dashboard-broadcasts-none = Không có thông báo nào.
dashboard-broadcast-row = { $date }: đã xử lý { $settled }/{ $recipients } tin, gửi được { $sent }
dashboard-hardship = Báo cáo khó khăn
dashboard-hardship-none = Không có báo cáo nào.
dashboard-search = Tra cứu theo mã khách hàng
dashboard-search-button = Tra cứu
dashboard-search-not-found = Không tìm thấy mã { $code } trong phạm vi của anh/chị.
dashboard-search-usage = Xin nhập mã khách hàng, ví dụ KH001234.
dashboard-search-found = { $name } · tổ { $group }, { $commune }
dashboard-search-loans = { $count } khế ước, dư nợ { $outstanding }, quá hạn { $overdue }; tiết kiệm { $savings }
dashboard-outcome-sent = đã gửi
dashboard-outcome-failed = không gửi được
dashboard-outcome-unreachable = không nhắn được
dashboard-outcome-uncertain = chưa rõ
dashboard-outcome-expired = quá hạn gửi
dashboard-outcome-skipped = bỏ qua
dashboard-outcome-retry = đang thử lại
dashboard-outcome-pending = chờ gửi
dashboard-channel-telegram = Telegram
dashboard-channel-sms = SMS
dashboard-channel-zns = Zalo
dashboard-link-linked = đã liên kết
dashboard-link-unreachable = không nhắn được
dashboard-link-not-linked = chưa liên kết

## Xác nhận đã ghi nhận (issue 28)
delivery-kind-payment-recorded = xác nhận đã ghi nhận
cmd-confirmations = Xác nhận nộp tiền: bật theo phòng giao dịch, gửi sau mỗi lần nhập
recorded-text = ✅ Ngày { $date }, NHCSXH đã ghi nhận cho hộ ông/bà: { $parts }. Dư nợ còn { $outstanding }.
recorded-safety = 🔒 NHCSXH không bao giờ yêu cầu chuyển tiền vào tài khoản cá nhân và không bao giờ hỏi mã OTP.
recorded-part-interest-paid = trả lãi { $amount }
recorded-part-principal-paid = trả nợ gốc { $amount } (khế ước { $loan })
recorded-part-loan-settled = trả hết khế ước { $loan } ({ $amount })
recorded-part-savings-deposited = gửi tiết kiệm { $amount }
recorded-part-savings-withdrawn = rút tiết kiệm { $amount }
recorded-part-loan-disbursed = giải ngân khoản vay mới { $amount } (khế ước { $loan })
recorded-part-overdue-cleared = hết nợ quá hạn { $amount } (khế ước { $loan })
recorded-part-newly-overdue = phát sinh nợ quá hạn { $amount } (khế ước { $loan })
sms-recorded = NHCSXH ghi nhận ngày { $date }: { $parts }.
sms-recorded-outstanding = { " " }Dư nợ còn { $amount }.
sms-recorded-safety = { " " }NHCSXH không yêu cầu chuyển tiền vào TK cá nhân, không hỏi OTP.
recorded-why-button = ❓ Vì sao số tiền này?
recorded-wrong-button = ⚠️ Tôi đã nộp nhưng số này không đúng
recorded-why-title = <b>Cách tính tiền lãi ghi nhận ngày { $date }</b>
recorded-why-loan = Khế ước { $loan } ({ $programme }): dư nợ { $principal } × lãi suất { $rate }%/năm ÷ 12 tháng = { $interest } cho { $days } ngày.
recorded-why-penalty = Nợ quá hạn { $overdue } × lãi suất quá hạn { $rate }%/năm (130% lãi suất cho vay) ÷ 12 = { $interest }.
recorded-why-arrears = Trong số đã trả có { $amount } tiền lãi còn nợ từ kỳ trước.
recorded-why-paid = Số ngân hàng ghi nhận: { $amount }.
recorded-why-rate-differs = Lưu ý: khế ước ghi lãi suất { $rate }%/năm, khác với mức hiện hành của chương trình. Ông/bà hãy hỏi cán bộ tại điểm giao dịch.
recorded-why-no-interest = Lần ghi nhận này không có tiền lãi.
recorded-wrong-ask = Ông/bà đã nộp tiền nhưng số ngân hàng ghi nhận không đúng? Nếu xác nhận, cán bộ ngân hàng phụ trách điểm giao dịch sẽ nhận được báo cáo kèm số liệu để kiểm tra. Tổ trưởng không được báo.
recorded-wrong-yes = Đúng, gửi báo cáo
recorded-wrong-no = Không, bỏ qua
recorded-wrong-cancelled = Đã bỏ qua, không gửi báo cáo.
recorded-wrong-sent = Đã gửi báo cáo cho cán bộ ngân hàng. Ông/bà vui lòng giữ biên lai (nếu có) và mang theo khi đến điểm giao dịch.
recorded-wrong-already = Báo cáo về lần ghi nhận này đã được gửi trước đó.
recorded-unavailable = Không xem được thông tin này.
recorded-dispute-title = ⚠️ <b>Khách hàng báo số ghi nhận không đúng</b>: { $code } { $name }, ngày { $date }.
recorded-dispute-change = • { $kind } (khế ước { $loan }): trước { $before }, sau { $after }, ghi nhận { $amount }
recorded-kind-interest-paid = trả lãi
recorded-kind-principal-paid = trả gốc
recorded-kind-loan-settled = tất toán khế ước
recorded-kind-savings-deposited = gửi tiết kiệm
recorded-kind-savings-withdrawn = rút tiết kiệm
recorded-kind-loan-disbursed = giải ngân
recorded-kind-overdue-cleared = hết quá hạn
recorded-kind-newly-overdue = quá hạn mới
recorded-status-title = <b>Xác nhận nộp tiền theo phòng giao dịch</b>
recorded-office-off = ⚪ { $office }: đang tắt
recorded-office-requested = 🟡 { $office }: đang chờ duyệt bật
recorded-office-on = 🟢 { $office }: đang bật
recorded-no-office = Anh/chị không phụ trách trọn một phòng giao dịch nào nên không bật/tắt được.
recorded-action-ask = Đề nghị bật { $office }
recorded-action-ok = Duyệt bật { $office }
recorded-action-off = Tắt { $office }
recorded-office-outside = Phòng giao dịch này nằm ngoài phạm vi của anh/chị.
recorded-office-moved = Trạng thái đã thay đổi; anh/chị gõ /confirmations để xem lại.
recorded-own-request = Anh/chị không thể tự duyệt đề nghị của mình; cần một cán bộ khác hoặc quản trị viên.
recorded-approve-asked = Có đề nghị bật xác nhận nộp tiền cho phòng giao dịch { $office }. Anh/chị duyệt?
recorded-asked = Đã gửi đề nghị bật cho { $office } tới { $approvers } người duyệt.
recorded-office-turned-on = Đã bật xác nhận nộp tiền cho { $office }. Từ lần nhập sau, các thay đổi sẽ chờ anh/chị gửi.
recorded-office-turned-off = Đã tắt xác nhận nộp tiền cho { $office }.
recorded-pending = Đang chờ gửi: { $count } hộ ({ $kinds }).
recorded-pending-none = Không có xác nhận nào đang chờ gửi.
recorded-send-button = Gửi { $count } xác nhận
recorded-drop-button = Không gửi
recorded-sent = Đã xếp { $count } xác nhận vào hàng gửi.
recorded-dropped = Đã bỏ { $count } xác nhận, sẽ không gửi.
recorded-busy = Đang có lần nhập dữ liệu chạy; anh/chị thử lại sau ít phút.
import-summary-confirmations = Xác nhận nộp tiền sẽ gửi (khi anh/chị bấm gửi): { $count } hộ ({ $kinds }).
import-summary-confirmations-off = { $count } hộ có thay đổi thuộc phòng giao dịch chưa bật xác nhận: không gửi.
import-summary-confirmations-baseline = Lần nhập đầu tiên ghi số liệu gốc: chưa có gì để xác nhận.

## Thử nghiệm cách viết lời nhắc (issue 28)
cmd-experiment = Thử nghiệm cách viết lời nhắc: đề xuất, xem danh sách
experiment-savings-line = 💡 Nộp đúng hạn, hộ ông/bà không phải trả lãi quá hạn (bằng 130% lãi suất cho vay) và giữ uy tín để được vay tiếp.
experiment-title = <b>Thử nghiệm cách viết lời nhắc</b>
experiment-none-yet = Chưa có thử nghiệm nào. Đề xuất: /experiment interest plain,signed,savings point:MÃ1,MÃ2 01/01/2027-31/03/2027
experiment-line = • { $id } ({ $state }): { $kind }, các cách viết { $arms }, địa bàn { $area }, { $from }–{ $to }
experiment-state-proposed = chờ duyệt
experiment-state-approved = đã duyệt
experiment-state-refused = bị từ chối
experiment-bad-format = Cú pháp: /experiment interest|principal plain,signed,savings point:MÃ1,MÃ2 (hoặc commune:…) dd/mm/yyyy-dd/mm/yyyy
experiment-bad-arms = Cần 2 đến 4 cách viết khác nhau, chọn trong: plain, signed, savings, none.
experiment-bad-dates = Ngày không đúng dạng dd/mm/yyyy.
experiment-bad-order = Ngày kết thúc phải sau ngày bắt đầu, trong vòng 6 tháng.
experiment-bad-past = Thử nghiệm phải bắt đầu từ hôm nay trở đi.
experiment-bad-area = Địa bàn phải là điểm giao dịch hoặc xã có trong dữ liệu và thuộc phạm vi của anh/chị.
experiment-proposed = Đã gửi đề xuất { $id } để quản trị viên duyệt.
experiment-approve-asked = Đề xuất thử nghiệm { $id } với các cách viết: { $arms }. Anh/chị duyệt?
experiment-approve = Duyệt
experiment-refuse = Từ chối
experiment-approve-none = Duyệt riêng nhánh không gửi nhắc
experiment-none-approved = Đã duyệt nhánh không gửi nhắc của { $id }; còn cần duyệt thử nghiệm.
experiment-needs-none-approval = Thử nghiệm có nhánh không gửi nhắc: cần duyệt riêng nhánh này trước.
experiment-own = Anh/chị không thể tự duyệt đề xuất của mình.
experiment-moved = Thử nghiệm không còn chờ duyệt.
experiment-results-asof = Kết quả theo dữ liệu nhập ngày { $date } (mỗi lượt là một hộ ở một kỳ giao dịch; đúng hạn = không còn lãi chưa trả ở lần nhập đầu tiên sau ngày giao dịch).
experiment-itt = <b>Tất cả hộ được phân nhánh</b>
experiment-reach = <b>Chỉ các hộ đã nhận được lời nhắc</b>
experiment-arm = Nhánh { $arm } ({ $wording }): { $households } lượt, đúng hạn { $onTime } ({ $rate }%, KTC 95% { $low }–{ $high }%), muộn { $late }, không trả { $notPaid }
experiment-arm-difference = { "   " }chênh lệch so với nhánh 1: { $low } đến { $high } điểm % (KTC 95%)
experiment-arm-too-few = Nhánh { $arm } ({ $wording }): { $households } lượt — chưa đủ dữ liệu (cần ít nhất { $minimum })
experiment-chart-title = Thử nghiệm { $id }: tỷ lệ hộ trả lãi đúng hạn theo nhánh (%)
experiment-chart-rate = Đúng hạn (%)
experiment-chart-interval = KTC 95% (%)
stats-experiments = <b>Thử nghiệm cách viết lời nhắc đang chạy</b> (chi tiết: /experiment MÃ)
dashboard-experiments = Thử nghiệm cách viết lời nhắc
dashboard-experiments-none = Không có thử nghiệm nào đang chạy trong phạm vi của anh/chị.
experiment-not-found = Không có thử nghiệm { $id } trong phạm vi của anh/chị.
