/** The entrusted mass organisations a savings-and-loan group belongs to (codes as in the bank's files). */
export const ORGANISATIONS = ["HND", "HPN", "HCCB", "DTN"] as const;
export type Organisation = (typeof ORGANISATIONS)[number];
