import { describe, expect, it } from "vitest";
import { loadProgrammeCatalogue } from "../../src/catalogue/load.js";
import { reliefsOfPlace } from "../../src/catalogue/rates.js";
import type { Statement } from "../../src/features/statement/loadStatement.js";
import { amountForSession, type StatementLoan } from "../../src/features/statement/rules.js";
import { balanceView } from "../../src/features/statement/views.js";
import { createI18n } from "../../src/i18n.js";

const loan = (over: Partial<StatementLoan>): StatementLoan => ({
  loanNumber: "KU000000001",
  programmeCode: "HN",
  outstandingPrincipal: 40_000_000,
  overduePrincipal: 0,
  frozenAmount: 0,
  unpaidInterest: 0,
  interestDueNext: 208_000,
  annualRatePpm: 62_400,
  nextInstallment: null,
  ...over,
});

describe("what a household brings to the transaction day", () => {
  it("adds interest, installments due by that day, overdue principal and unpaid interest, not frozen debt", () => {
    const loans = [
      loan({ nextInstallment: { dueOn: "2026-12-20", amount: 5_000_000 } }),
      loan({
        loanNumber: "KU2",
        interestDueNext: 50_000,
        overduePrincipal: 3_000_000,
        unpaidInterest: 40_000,
        frozenAmount: 9_000_000,
        nextInstallment: { dueOn: "2027-03-20", amount: 5_000_000 },
      }),
    ];
    expect(amountForSession(loans, "2026-12-20")).toEqual({
      interest: 258_000,
      principal: 5_000_000,
      overdue: 3_000_000,
      unpaidInterest: 40_000,
      total: 8_298_000,
    });
  });

  it("shows frozen debt and unpaid interest, the total to bring, and the place once", () => {
    const i18n = createI18n();
    const statement = {
      customerCode: "KH1",
      savingsBalance: 0,
      loans: [
        loan({ unpaidInterest: 40_000, frozenAmount: 9_000_000 }),
        loan({ loanNumber: "KU000000002", interestDueNext: 50_000 }),
      ],
      transactionPoint: { place: "Nhà văn hóa xã", hours: "07:30-11:00", day: 20 },
      sessions: ["2026-12-20"],
      groupHead: null,
      dataAsOf: null,
      reliefs: [],
    } as unknown as Statement;
    const programmes = new Map(loadProgrammeCatalogue().programmes.map((p) => [p.code, p]));
    const text = balanceView((k, v) => i18n.t("vi", k, v), "vi", statement, programmes, "2026-12-10");
    expect(text).toContain("Dư nợ khoanh: 9.000.000 ₫");
    expect(text).toContain("Lãi tồn: 40.000 ₫");
    expect(text).toContain("cần mang <b>298.000 ₫</b> (lãi 258.000 ₫, lãi tồn 40.000 ₫)");
    expect(text.split("Nhà văn hóa xã")).toHaveLength(2);
  });

  it("tells a household of a listed commune about a temporary relief in force", () => {
    const i18n = createI18n();
    const catalogue = loadProgrammeCatalogue();
    const relief = { ...(catalogue.reliefs[0] as NonNullable<(typeof catalogue.reliefs)[0]>), communes: ["X1"] };
    const statement = {
      customerCode: "KH1",
      savingsBalance: 0,
      loans: [loan({})],
      transactionPoint: null,
      sessions: [],
      groupHead: null,
      dataAsOf: null,
      reliefs: reliefsOfPlace({ reliefs: [relief] }, { officeCode: "P", communeCode: "X1" }),
    } as unknown as Statement;
    const view = (today: string) => balanceView((k, v) => i18n.t("vi", k, v), "vi", statement, new Map(), today);
    expect(view("2025-11-15")).toContain("giảm 2%/năm đến hết 31/12/2025 (QĐ 2654/QĐ-TTg");
    // Over by the time the borrower asks: not shown.
    expect(view("2026-01-02")).not.toContain("QĐ 2654");
  });
});
