"""Ticket text cleaning and PII redaction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deflection.clean import FIELD_BREAK, asks_nothing, clean, iban_ok, is_html, luhn_ok, redact, strip_subject_prefix


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Hi team,\n\nMy card never arrived.\n\nThanks,\nJane Doe\nACME Ltd", "My card never arrived."),
        ("Where is my refund?\n\nOn Mon, Jan 8, 2024 at 10:00 AM Support <s@x.com> wrote:\n> We sent it.\n> Bye",
         "Where is my refund?"),
        ("Please help\n-----Original Message-----\nFrom: support\nold text", "Please help"),
        ("My app crashes.\n> quoted line\nStill crashes.", "My app crashes.\nStill crashes."),
        ("Login fails on Android\n\n--\nJohn\n+1 555 0100", "Login fails on Android"),
        ("Cannot pay\n\nSent from my iPhone", "Cannot pay"),
        ("<p>Hello,</p><p>I was <b>charged twice</b> &amp; want a refund</p><div class=\"gmail_quote\">old</div>",
         "I was charged twice & want a refund"),
        ("<style>p{color:red}</style><script>alert(1)</script><p>real question</p>", "real question"),
        ("Hola,\nNo puedo entrar en mi cuenta.\nSaludos", "No puedo entrar en mi cuenta."),
        ("Thanks for the quick fix last week, but the export still fails.",
         "Thanks for the quick fix last week, but the export still fails."),
        # a mail footer's legal notice under a short signature (a walkthrough's topic examples showed both)
        ("Dear Sir/Madam,\n\nHow do we update an employee's name?\n\nRegards\nSarah\n\nBrookside Nursery | 01632 "
         "960123\nThis email and any attachments are confidential and intended solely for the addressee.",
         "How do we update an employee's name?"),
        ("Dear Sir/Madam, An employee has changed his name by deed poll.",
         "An employee has changed his name by deed poll."),
        ("How do I run payroll?\n\nThe information contained in this email is confidential. If you are not the "
         "intended recipient please delete it.", "How do I run payroll?"),
        ("Further to my telephone call this morning, how do I correct the FPS?", "How do I correct the FPS?"),
        # how long they have been customers names nothing: it had turned a ticket's verdict (0.33 answered → 0.22)
        ("We have used Brightpay for two years without issue. How do I correct a submitted pay run?",
         "How do I correct a submitted pay run?"),
        ("Long-time user here. How do I export contacts?", "How do I export contacts?"),
        ("I have used the app for a year and it crashed today.",
         "I have used the app for a year and it crashed today."),
        ("Is this message confidential? Are payslip emails encrypted?",
         "Is this message confidential? Are payslip emails encrypted?"),
    ],
)
def test_clean_keeps_only_the_customers_question(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("mail me at jane.doe+x@mail.example.co.uk now", "mail me at [email] now"),
        ("card 4111 1111 1111 1111 and 4111-1111-1111-1111", "card [card] and [card]"),
        ("IBAN GB82 WEST 1234 5698 7654 32 please", "IBAN [iban] please"),
        ("IBAN DE89370400440532013000.", "IBAN [iban]."),
        ("call +44 20 7946 0958 or (555) 123-4567", "call [phone] or [phone]"),
        ("ssn 123-45-6789", "ssn [ssn]"),
        ("from 192.168.1.20", "from [ip]"),
        ("account 12345678901", "account [phone]"),
        ("reset at https://app.example.com/reset?token=abc123", "reset at [url]"),
        ("Kiedy dotrze moje zamówienie KW-146590?", "Kiedy dotrze moje zamówienie [number]?"),  # an order reference
        ("Order ORD12345 is late", "Order [number] is late"),
        # a customer's number named by its word, under 9 digits (it had reached a topic label and questions rows)
        ("Account number 6398971, moving house", "Account number [number], moving house"),
        ("my account no. 1022906 is wrong", "my account no. [number] is wrong"),
        ("policy #552 811 renewal", "policy #[number] renewal"), ("update on claim 55231", "update on claim [number]"),
    ],
)
def test_redact_replaces_personal_data(raw: str, expected: str) -> None:
    assert redact(raw) == expected


@pytest.mark.parametrize(
    "text", ["order 12345 cost $1500 on 2024-01-05", "version 2.3.1", "3 days ago", "wait 10-15 days", "my RTX4090",
             "an A320 seat"]
)
def test_redact_leaves_ordinary_numbers(text: str) -> None:
    assert redact(text) == text


def test_checksums() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB82 WEST 1234 5698 7654 33")


def _luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError


@given(st.from_regex(r"4[0-9]{14}", fullmatch=True), st.sampled_from([" ", "-", ""]),
       st.text(alphabet=st.characters(categories=("L", "Zs")), max_size=30))
def test_any_valid_card_number_is_redacted(prefix: str, sep: str, around: str) -> None:
    number = _luhn_complete(prefix)
    shown = sep.join(number[i:i + 4] for i in range(0, 16, 4))
    out = redact(f"{around} {shown} {around}")
    assert number not in out.replace(" ", "").replace("-", "")


def _ticket(subject: str, body: str) -> str:
    """A ticket's text as the readers give it: subject and body kept apart."""
    return subject + FIELD_BREAK + body


ZENDESK_CHAT = ("Chat started: 2026-10-06 02:18 PM UTC\n\n"
                "(02:18:30 PM) Jonas: can the return label go from Norway to my address?\n"
                "(02:19:02 PM) Sam (Parcelo): Thanks Jonas, let me have a look at that for you.")


@pytest.mark.parametrize(
    "raw, expected",
    [
        # chat transcripts: only the customer's words are left
        (ZENDESK_CHAT, "can the return label go from Norway to my address?"),
        (_ticket("Chat with Jonas Rossi", ZENDESK_CHAT), "can the return label go from Norway to my address?"),
        ("Visitor: hi\nAgent: Hello! How can I help?\nVisitor: my parcel is lost\nVisitor: what now",
         "my parcel is lost\nwhat now"),
        ("[10:02] Sam: Welcome to Acme! How can I help?\n[10:03] Jane Doe: my label will not print\nit is blank\n"
         "[10:04] Sam: Let me check", "my label will not print\nit is blank"),
        ("*** Chat transcript ***\n10:02 AM Customer: where do I set the currency?\n10:03 AM Bot: Here is an article",
         "where do I set the currency?"),
        ("Note: the export fails.\nUpdate: still fails.", "Note: the export fails.\nUpdate: still fails."),
        ("*** Sam joined the chat ***\nVisitor: where is my bike\nAgent: How can I help?", "where is my bike"),
        ("[10:02] Sam left\n[10:03] Jane: my bike is broken", "my bike is broken"),
        ("Visitor rated the chat: Good\nVisitor: my bike is broken\nVisitor: thanks", "my bike is broken"),
        # a customer's sentence that reads like a chat event, a greeting or a sign-off is kept
        ("I left my wallet in the bike basket", "I left my wallet in the bike basket"),
        ("My ride ended but the app still charges me", "My ride ended but the app still charges me"),
        ("The station shows grey. Is it closed.", "The station shows grey. Is it closed."),
        ("Hi, unlock not working\n\nCheers", "Unlock not working"),
        # a greeting with no comma before the sentence ("hiya The cat ..." had labeled a topic and titled it)
        ("hiya The cat has been gone a week, does my policy cover a reward?",
         "The cat has been gone a week, does my policy cover a reward?"),
        ("Hi can I transfer cash bonus", "Hi can I transfer cash bonus"),  # no sentence starts after it
        ("Good morning, my card was charged twice\n\nThanks,\nAnna", "My card was charged twice"),
        # two topics had been labeled and titled "To whom it may concern,"
        ("To whom it may concern,\nMy router keeps dropping wifi", "My router keeps dropping wifi"),
        ("Afternoon,\nMy router keeps dropping wifi", "My router keeps dropping wifi"),
        ("Morning deliveries never come", "Morning deliveries never come"),
        ("Hi I need help with my bike\nIt won't unlock", "I need help with my bike\nIt won't unlock"),
        # subject and body are cleaned one by one
        (_ticket("Re: Invite user", "Hi all,\n\nMy colleague can't see any orders.\n\n--\nSofia"),
         "Invite user\n\nMy colleague can't see any orders."),
        (_ticket("Programar una recogida", "Hola equipo,\n\n¿Cómo programo una recogida con GLS?\n\nUn saludo,\n"
                 "Andrés Castillo\nJuniper & Wick Candles"),
         "Programar una recogida\n\n¿Cómo programo una recogida con GLS?"),
        (_ticket("Cambiar moneda",
                 "Buenos días,\n\nMi cuenta está en dólares. ¿Cómo cambio la moneda?\n\nGracias,\nMarta"),
         "Cambiar moneda\n\nMi cuenta está en dólares. ¿Cómo cambio la moneda?"),
        (_ticket("AW: Rechnung", "Hallo,\n\nWo finde ich meine Rechnung?\n\nViele Grüße\nJonas"),
         "Rechnung\n\nWo finde ich meine Rechnung?"),
        (_ticket("Automatic reply: Re: [Parcelo] Update on your request", "Can someone call me back?"),
         "Can someone call me back?"),
        (_ticket("[Parcelo Go] Label help", "How do I print?\n\n--\nSent from Parcelo Go 4.12.1 (iOS 26.1)"),
         "Label help\n\nHow do I print?"),
        (_ticket("", "Where is my refund?"), "Where is my refund?"),
        (_ticket("Where is my refund", "Where is my refund? It has been 10 days."),
         "Where is my refund? It has been 10 days."),
        (_ticket("Receipt", "Hi,\n\nHi, could you send me a receipt for my last payment?"),
         "Receipt\n\nCould you send me a receipt for my last payment?"),
        # stock filler sentences and lead-ins
        (_ticket("Claim", "Hello support,\n\nBit of a silly question maybe. FedEx marked the parcel as lost. How do I "
                 "get reimbursed? Thanks in advance for your help."),
         "Claim\n\nFedEx marked the parcel as lost. How do I get reimbursed?"),
        ("I'm new to Parcelo. I looked through the FAQ but couldn't find an answer. Can I print labels in bulk?",
         "Can I print labels in bulk?"),
        ("silly question but how do I add a second user?", "How do I add a second user?"),
        # it had labeled a topic: "Do you have a referral programme Sorry if this is a silly question."
        ("Do you have a referral programme? Sorry if this is a silly question.", "Do you have a referral programme?"),
        ("Thanks in advance for your help.", "Thanks in advance for your help."),  # filler only: kept, not emptied
        # how the customer feels is not what they ask: it left topics' examples ending "It's urgent please."
        ("My parcel has not arrived yet. It's urgent please.", "My parcel has not arrived yet."),
        ("This is really frustrating. The app crashes when I print a label.", "The app crashes when I print a label."),
        ("I was charged twice. I'm so annoyed. Please hurry.", "I was charged twice."),
        ("Mi pedido no llega. Es muy frustrante.", "Mi pedido no llega."),
        ("This is ridiculous!", "This is ridiculous!"),
        # apologies for one's English; a name signed alone, or after "Greetings,"
        ("Sorry for my English. How do I pause my plan?", "How do I pause my plan?"),
        # the effort before writing in names nothing; it had stayed in a topic's label
        ("New phone, my authenticator codes are gone. I looked in the settings but couldn't find it.",
         "New phone, my authenticator codes are gone."),
        ("I couldn't find it anywhere. How do I export to Xero?", "How do I export to Xero?"),
        ("Où est l'export ? J'ai cherché partout.", "Où est l'export ?"),
        ("I looked in the settings but couldn't find the VAT option", "I looked in the settings but couldn't find "
         "the VAT option"),  # it names what it looked for
        ("How do I pause my plan? Please excuse my bad english", "How do I pause my plan?"),
        ("My battery dies after 10 km.\n\nGreetings, Sara B.", "My battery dies after 10 km."),
        ("My battery dies after 10 km.\n\nYasmine\nSent from my iPhone", "My battery dies after 10 km."),
        ("Yasmine\nSent from my iPhone", "Yasmine"),
        # markup: HTML bodies become text; a customer's typed tag in plain text stays
        ("I typed <script>alert('xss')</script> as the shop name. Is Parcelo safe?",
         "I typed <script>alert('xss')</script> as the shop name. Is Parcelo safe?"),
        ("Why does <b>bold</b> show up as tags & not bold?", "Why does <b>bold</b> show up as tags & not bold?"),
        ("<div>Hola,</div><div>¿Dónde está mi paquete?</div><br><div>Saludos</div>", "¿Dónde está mi paquete?"),
    ],
)
def test_clean_fields_transcripts_greetings_and_filler(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "text, html",
    [("<p>Hi</p>", True), ("line<br>line", True), ('<a href="x">y</a>', True), ("<div class='q'>x</div>", True),
     ("typed <script>alert(1)</script>", False), ("a <b>b</b>", False), ("Jane <jane@x.com> wrote", False),
     ("x < 3 and y > 2", False)],
)
def test_html_only_when_the_text_has_html_structure(text: str, html: bool) -> None:
    assert is_html(text) is html


@pytest.mark.parametrize(
    "subject, expected",
    [("Re: Refund", "Refund"), ("RE: Fwd: Refund", "Refund"), ("AW: WG: Rechnung", "Rechnung"),
     ("RV: Reembolso", "Reembolso"), ("TR: Facture", "Facture"), ("[Ticket #12] Re: Refund", "Refund"),
     ("Refund: how long?", "Refund: how long?")],
)
def test_subject_prefixes_are_stripped(subject: str, expected: str) -> None:
    assert strip_subject_prefix(subject) == expected


@pytest.mark.parametrize(
    "text",
    ["Chat started: 2026-10-06 02:18 PM UTC", "on 2026-10-06 14:18:30 it failed", "since 06/10/2026 14:18",
     "at 02:18 PM, 14:18 and 9.10.2026", "(02:16:30 PM) Jonas: hi"],
)
def test_redact_leaves_dates_and_times(text: str) -> None:
    assert redact(text) == text


def test_redact_still_finds_phones_next_to_dates() -> None:
    assert redact("2026-10-06 02:18 call +44 20 7946 0958") == "2026-10-06 02:18 call [phone]"


def _ticket(subject: str, body: str) -> str:
    return subject + FIELD_BREAK + body


@pytest.mark.parametrize("raw", [
    "Thank you, that worked!",
    "ok great, thanks for the quick help",
    "Perfect, thank you so much! You can close this ticket.",
    "Still waiting for an answer on this one...",
    "Any update?",
    "Following up on my previous email",
    "Is anyone there??",
    "I am out of the office until Monday with limited access to email. For urgent matters please contact my colleague.",
    "This is an automatic reply. Your message has been received.",
    "Muchas gracias, ya funciona.",
    "¡Muchas gracias!",  # Spanish opens its exclamations: it had been read as a question to answer
    "ok great, thanks for the quick help\n\nLuke",  # a name under the thanks says nothing either
    "Merci !\n\nClaire Bernard",
    "Une mise à jour ?", "Avez-vous des nouvelles ?", "Je me permets de vous relancer",
    _ticket("Re: your policy", "Thanks, that's all sorted now :)"),
    _ticket("Re: Your claim 55102", "thank you so much for sorting this, really appreciate it!"),
    _ticket("Re: Welcome to Shiftboard", "Thanks, looking forward to trying it"),  # had formed a topic of 5
    "Thanks, I'll try that", "Great, we will give it a go tomorrow!",
    # 23 of 75 such tickets of a walkthrough's export had stayed in and formed topics
    "Brilliant, all working now. Cheers", "Thanks, that's sorted it", "thanks, no need to reply",
    "Chasing this again, no reply yet", "This is an automatically generated message. Please do not reply.",
    "Account number 1022906", "FB-3527544",  # a customer's number alone
    # a mail server's bounce, filed as a ticket
    _ticket("Delivery Status Notification (Failure)", "Address not found. Your message wasn't delivered to "
            "x@y.example because the address couldn't be found."),
    _ticket("Undeliverable: Your claim", "Delivery has failed to these recipients or groups"),
    _ticket("Re: Reembolso", "¡Gracias!"),
    "Sigo esperando una respuesta",
    "Estoy fuera de la oficina hasta el lunes 3.",
    "Danke, hat geklappt!",
    "Ich bin bis Montag nicht im Büro.",
    "Merci beaucoup !",
    "Je suis absente jusqu'au 5 mai.",
    "Obrigado pela ajuda",
    "Merci beaucoup, c'est réglé !",
    _ticket("Automatic reply: Out of office", "I'm on annual leave and will reply when I'm back."),
    _ticket("Re: Your request has been solved", "Thanks!\n\nBest regards,\nJane"),
    _ticket("Re: Refund for unused label",
            "Hi team,\n\nThat worked, thank you.\n\nOn Mon, 3 Nov 2026, Support wrote:\n> Refunds take 5 days"),
    _ticket("Automatic reply: Re: [Parcelo] Update on your request",
            "I'm away until 12 May and will reply when I'm back."),
    _ticket("", "Hello?"),
    "Thanks so much, that worked!! :)",
    "Thank you 🙏😊",
    "Great, cheers",
    "Perfect, thank you Laura.",
    "Thanks, Noah",
    "Automatic reply: Thank you for your email. I am currently on leave…",
    "Auto-reply: I'm travelling this week.",
    "Out of office: back on Monday.",
    "Respuesta automática: Estoy de vacaciones hasta el 5 de enero.",
    "Réponse automatique : je suis absente.",
    "Resposta automática: Estou de férias até dia 10.",
    "Automatische Antwort: Ich bin bis Montag nicht im Büro.",
    "This mailbox is not monitored. Please do not reply…",
    "Please do not reply to this email.",
    "Hello?? Any update on this? I wrote 3 days ago",
    _ticket("Question about my account", "<p>Perfect, thank you Laura.</p>"),
    "i appreciate your help, thank you",
    "thanks for letting me know",
    "Vielen Dank, hat alles geklappt!",
    "Received, thank you!",
    "Any update on my ticket? Sent it a week ago.",
    "Hello?? Nobody answered me yet",
    "Still waiting for a reply on my previous email.",
    "Hello?? no answer since 4 days",
    "Still no answer!!",
    "toujours pas de réponse à mon message précédent...",
    "Todavía sin respuesta.",
    _ticket("Booking", "This is an automatic reply, please do not respond."),  # whatever the subject
    _ticket("Your clean", "Thanks so much!"),  # a word or two of subject, a thank-you
    "Super, danke für die schnelle Hilfe",
    "Danke für die Rückmeldung. Schönes Wochenende!",
    "Abwesenheitsnotiz: Ich bin im Urlaub und lese meine E-Mails nicht.",
    "Dies ist eine automatisch generierte E-Mail. Bitte antworten Sie nicht auf diese Nachricht.",
    "ich warte immer noch auf eine Antwort auf meine letzte Mail!",
    # walkthroughs' chats and e-mails that had formed "missing article" topics
    "Hallo", "hola!", "👍", "😂 😂", _ticket("Automatic reply", "Thank you for your email."),
    _ticket("Re: Your question", "Still waiting for an answer on this one, could someone get back to me please?"),
    _ticket("Re: payroll query", "Many thanks for your help with this, much appreciated."),
])
def test_tickets_that_ask_nothing(raw: str) -> None:
    assert asks_nothing(raw)


@pytest.mark.parametrize("raw", [
    "Thanks, but how do I change the currency?",
    "¡Gracias! ¿Y cómo cambio la tarjeta?",
    "Thanks, but how do I change the currency?\nLuke",
    "Une mise à jour de la facture est-elle possible ?",
    _ticket("Postcode", "Address not found when I enter my postcode, what do I do?"),
    _ticket("Mail delivery issue", "My policy documents never arrived by mail, can you resend them?"),
    _ticket("Re: refund", "Thanks for sorting this. Why was I charged twice though?"),
    "I'll try that but the export still fails",
    "order 12345 never arrived", "It is working now but the speed is slow",
    "thanks. my card was declined",
    "Can someone call me back please? It's easier to explain on the phone.",
    "I'm on holiday and I noticed a different amount for the exchange rate. Can you explain?",
    "I am on vacation in Spain and need to change my pin.",
    "Still waiting for my refund, it has been two weeks",
    "Any update on the new API? We need webhooks for returns.",
    "Gracias. ¿Cómo cambio la moneda a euros?",
    _ticket("Refund for unused label", "Thanks!"),  # the subject asks; the body only thanks
    _ticket("Re: Refund for unused label", "Thanks. And how long does a refund take?"),
    "",
    "Thanks so much :) How do I change my course?",
    "Out of office: can I still change my plan while I'm away?",
    # a customer who is away asks something (a walkthrough's export lost 3 such questions as out-of-office replies)
    "I'm away until Monday, can I extend the pickup time?", "I'm away until Monday, can I extend the pickup time",
    "I am away until Monday. Can my neighbour collect my parcel?",
    "Hallo, wie kündige ich mein Abo?", "👍 how do I reset the hub?", "Could someone get back to me about my refund?",
    "Thank you for your email. I still cannot log in.",
    "I wrote 3 days ago about my refund and nobody answered, where is it?",
    "Thank you Laura. Also, where is my gift card?",
    "Thanks for the help with my refund",
    "This mailbox app is not syncing my lessons",
    "I received the wrong item",
    "nobody answered my question about refunds",
    "I sent it a week ago but it never arrived",
])
def test_tickets_that_ask_something(raw: str) -> None:
    assert not asks_nothing(raw)


@pytest.mark.parametrize("raw, expected", [
    ("How do I reset my streak?\nThanks, Noah", "How do I reset my streak?"),
    ("How do I reset my streak? cheers Jo", "How do I reset my streak?"),
    ("¿Puedo regalar una suscripción?\n\nGracias, Liam", "¿Puedo regalar una suscripción?"),
    ("My streak went back to zero.\nBest, Anne\nSent from my iPhone", "My streak went back to zero."),
    ("Como mudo o e-mail da conta? Obrigado, Carla", "Como mudo o e-mail da conta?"),
    ("How long does it take?\nThanks for the help with my refund",
     "How long does it take?\nThanks for the help with my refund"),
    ("I bought a gift card at\nBest Buy", "I bought a gift card at\nBest Buy"),
    ("Thanks, Noah", "Thanks, Noah"),  # only a sign-off: kept, and judged to ask nothing
    ("Die Fliesen sind gebrochen angekommen.\n\nMfG Sabine Müller", "Die Fliesen sind gebrochen angekommen."),
    ("Die Fliesen sind gebrochen angekommen.\nMit freundlichen Grüßen Sabine Müller",
     "Die Fliesen sind gebrochen angekommen."),
    # languages the report names when no locale serves them: their sign-offs had stayed in the text
    ("Spadłem z ligi Diamentowej, choć zdobyłem dużo XP\nPozdrawiam, Piotr",
     "Spadłem z ligi Diamentowej, choć zdobyłem dużo XP"),
    ("Come cambio la password?\nCordiali saluti\nMarco", "Come cambio la password?"),
    ("Hoe wijzig ik mijn wachtwoord?\nMet vriendelijke groet,\nJan", "Hoe wijzig ik mijn wachtwoord?"),
    ("Где мой заказ?\nС уважением,\nИван", "Где мой заказ?"),
    ("Var är min order?\nMed vänliga hälsningar\nAnna\nSkickat från min iPhone", "Var är min order?"),
    ("Hilsen fra Oslo: hvor er pakken?", "Hilsen fra Oslo: hvor er pakken?"),  # a greeting in the question stays
])
def test_a_one_line_sign_off_with_a_name_is_dropped(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize("subject", ["(no subject)", "No subject", "Sin asunto", "(sans objet)", "(sem assunto)",
                                     "Kein Betreff", "Problema", "Question", "Help", "Problème",
                                     "Question about my account", "Consulta sobre mi cuenta",
                                     "Frage zu meiner Bestellung", "AW: Frage zu meiner Bestellung",
                                     "Ihre Bestellung KW-180933", "Order #4411", "Question about my order"])
def test_placeholder_and_generic_subjects_are_not_customer_text(subject: str) -> None:
    assert clean(_ticket(subject, "My streak went back to zero after the update")) == (
        "My streak went back to zero after the update")


def test_a_one_word_subject_does_not_label_a_topic() -> None:
    import numpy as np

    from deflection.topics import fit_meaning

    texts = [clean(_ticket("Brisa", "Is there a way to gift premium to a friend?")),
             clean(_ticket("Problema", "Can I gift premium to my mum?")),
             clean(_ticket("Brisa", "How do I gift a subscription?"))]
    raw = np.array([[1.0, 0.0, 0.0], [0.98, 0.2, 0.0], [0.98, -0.2, 0.0]])
    model = fit_meaning(texts, raw / np.linalg.norm(raw, axis=1, keepdims=True), 0.3)
    groups, _ = model.assign(texts, raw)
    assert model.seeds[groups[0]].representative == "Is there a way to gift premium to a friend?"
