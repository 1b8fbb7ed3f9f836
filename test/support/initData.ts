import { sign } from "@tma.js/init-data-node";

/** initData as Telegram would sign it for `userId` with `token`, issued at `authDate`. */
export function signedInitData(token: string, userId: number, authDate: Date, languageCode = "vi"): string {
  return sign(
    {
      query_id: `AAH${userId}`,
      user: { id: userId, first_name: "Test", language_code: languageCode, allows_write_to_pm: true },
    },
    token,
    authDate,
  );
}
