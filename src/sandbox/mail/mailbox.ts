/** A message the sandbox relay accepted, as `GET /sandbox/mail` shows it (headers decoded). */
export interface SandboxMail {
  readonly id: string;
  readonly receivedAt: string;
  /** The SMTP AUTH ID the sender logged in with. */
  readonly authUser: string;
  /** Envelope sender (MAIL FROM). */
  readonly from: string;
  /** Envelope recipients (RCPT TO), BCC copies included. */
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  /** The From header as decoded, e.g. `デモ東京店 <info@…>`. */
  readonly fromHeader: string;
  readonly messageId: string | null;
}

/** Masked buyer addresses (あんしんメルアド): PC and the mobile variants. */
const MASKED_DOMAIN = /@(pc|bm|dm|km|ym|im|wm|em)\.fw\.rakuten\.ne\.jp$/i;

export function isMaskedAddress(address: string): boolean {
  return MASKED_DOMAIN.test(address);
}
