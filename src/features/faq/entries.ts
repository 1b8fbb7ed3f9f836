/**
 * The FAQ: ids and what each answer is. Questions, keywords and fixed answers live in the locale
 * files (faq-<id>-q, faq-<id>-k, faq-<id>-a); answers about a programme come from the catalogue and
 * personal questions open the borrower's own views.
 */
export type FaqAnswer =
  | { kind: "text" }
  | { kind: "programme"; code: string }
  | { kind: "personal"; view: "balance" | "due-dates" | "group-head" }
  /** Answers built from catalogue data (features/faq/catalogueAnswers.ts). */
  | { kind: "catalogue"; view: "risk-handling" | "poverty" };

export const FAQ: readonly { id: string; answer: FaqAnswer }[] = [
  { id: "balance", answer: { kind: "personal", view: "balance" } },
  { id: "interest-this-month", answer: { kind: "personal", view: "due-dates" } },
  { id: "transaction-day", answer: { kind: "personal", view: "due-dates" } },
  { id: "next-principal", answer: { kind: "personal", view: "due-dates" } },
  { id: "overdue-mine", answer: { kind: "personal", view: "balance" } },
  { id: "my-group-head", answer: { kind: "personal", view: "group-head" } },
  { id: "early-repayment", answer: { kind: "text" } },
  { id: "where-to-pay", answer: { kind: "text" } },
  { id: "poor-loan", answer: { kind: "programme", code: "HN" } },
  { id: "near-poor-loan", answer: { kind: "programme", code: "CN" } },
  { id: "left-poverty-loan", answer: { kind: "programme", code: "MTN" } },
  { id: "student-loan", answer: { kind: "programme", code: "HSSV" } },
  { id: "water-loan", answer: { kind: "programme", code: "NSVS" } },
  { id: "job-loan", answer: { kind: "programme", code: "GQVL" } },
  { id: "overseas-loan", answer: { kind: "programme", code: "XKLD" } },
  { id: "social-housing-loan", answer: { kind: "programme", code: "NOXH" } },
  { id: "disadvantaged-commune-loan", answer: { kind: "programme", code: "SXKD" } },
  { id: "collateral", answer: { kind: "text" } },
  { id: "how-to-start", answer: { kind: "text" } },
  { id: "documents", answer: { kind: "text" } },
  { id: "extension", answer: { kind: "text" } },
  { id: "penalty-interest", answer: { kind: "text" } },
  { id: "disaster", answer: { kind: "catalogue", view: "risk-handling" } },
  { id: "poverty-line", answer: { kind: "catalogue", view: "poverty" } },
  { id: "borrower-died", answer: { kind: "text" } },
  { id: "savings-minimum", answer: { kind: "text" } },
];
