/** Error codes of buyer mail (merged into ERROR_MESSAGES); docs/MAIL.md lists when each is given. */
export const MAIL_ERROR_MESSAGES = {
  MAIL_TEMPLATE_TOO_LARGE: { ja: 'テンプレートが大きすぎます（件名と本文で64KBまで）。', en: 'The template is over 64 KB.' },
  MAIL_TEMPLATE_INVALID: { ja: 'テンプレートの差し込み記号が正しくありません。', en: 'The template has a broken placeholder or block.' },
  MAIL_PLACEHOLDER_UNKNOWN: { ja: 'テンプレートに存在しない差し込み項目があります。', en: 'The template names an unknown placeholder.' },
  MAIL_HEADER_INJECTION: { ja: '件名・名前・アドレスに改行や制御文字は使えません。', en: 'A header field contains a line break or control character.' },
  MAIL_ADDRESS_INVALID: { ja: 'メールアドレスが正しくありません。', en: 'Not a mail address.' },
  MAIL_NOT_CONFIGURED: { ja: 'この店舗のメール設定（SMTPサーバ・送信元）がまだありません。', en: 'The shop has no mail settings yet.' },
  MAIL_NOT_RESENDABLE: { ja: '再送できるのは、送信失敗または送信結果不明のメールだけです。', en: 'Only a failed mail or one whose outcome is unknown can be sent again.' },
  MAIL_TEMPLATE_IN_USE: { ja: 'このきっかけには、すでに別のテンプレートが設定されています。', en: 'Another template of the shop already has this trigger.' },
} as const;
