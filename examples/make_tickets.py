"""Generate ``examples/tickets.csv``: a fictional Zendesk ticket export for the Parcelo sample help center.

Every ticket is written from the templates below (customers' own words, typos, greetings, signatures, quoted
replies, a little personal data to show redaction, some Spanish) with a fixed random seed, so the file is the
same on every run::

    python examples/make_tickets.py            # writes examples/tickets.csv next to this script
    python examples/make_tickets.py -o out.csv

About two thirds of the tickets ask something an existing article answers; the rest ask about five things the
help center has no article for (customs paperwork, damage and loss claims, carrier pickups, return labels for
the shop's own customers, changing the account currency), plus a few auto-replies and "thanks!" follow-ups,
as every real export has. :func:`generate` returns the rows with the intent each was written from, so tests
can compare the report with what the tickets are really about. All names, shops, addresses, phone numbers and
card numbers are made up (card numbers are the standard test numbers).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEED = 2026
FIRST_ID = 48213
START = datetime(2026, 10, 5, tzinfo=UTC)  # a Monday; the export covers 8 weeks
WEEKS = 8
COLUMNS = ("Id", "Subject", "Description", "Status", "Priority", "Type", "Tags", "Via", "Requester locale",
           "Created at", "Updated at", "Agent reply", "First reply time in minutes", "Full resolution time in minutes",
           "Satisfaction Score", "Total time spent (sec)")
SITE_URL = "https://help.parcelo.example/"
"""The sample help center's ``site_url`` (mkdocs.yml): agents' replies link its articles."""

# --- people, shops and things they ship --------------------------------------------------------------------------

FIRST_NAMES = ("Jane", "Tom", "Priya", "Marco", "Aisha", "Lukas", "Chloe", "Daniel", "Sofia", "Kwame", "Emma",
               "Oliver", "Hannah", "Mateo", "Yuki", "Grace", "Ben", "Fatima", "Noah", "Isla", "Ravi", "Lena",
               "Sam", "Megan", "Tariq", "Zoe", "Jonas", "Amelia", "Chris", "Nadia", "Pete", "Rosa")
LAST_NAMES = ("Whitfield", "Rossi", "Patel", "Okafor", "Müller", "Nguyen", "Brennan", "Kowalski", "Haddad",
              "Lindqvist", "Moreau", "Clarke", "Fernández", "Tanaka", "Osei", "Hughes", "Dubois", "Byrne")
ES_NAMES = ("Lucía Martín", "Javier Gómez", "Carmen Ruiz", "Diego Herrera", "Valentina Rojas", "Pablo Navarro",
            "Marta Sánchez", "Andrés Castillo")
SHOPS = ("Juniper & Wick Candles", "Rossi Ceramics", "Little Fox Prints", "Oak Hollow Tea Co.", "Bramble Knits",
         "Salt Marsh Soap", "Paper Lantern Studio", "Northfield Coffee Roasters", "Moss & Stone Jewellery",
         "Tiny Hands Toys", "The Vinyl Nook", "Copper Kettle Spices", "Wildflower Apothecary", "Harbour Linen",
         "Pixel Perfect Stickers", "Greenleaf Plants", "Velvet Fern Boutique", "Fable Bookbinding")
CARRIERS = ("UPS", "DHL", "FedEx", "USPS", "Royal Mail", "DPD", "Evri", "Canada Post", "PostNL", "GLS")
ABROAD = ("Canada", "the US", "Australia", "Germany", "Switzerland", "Norway", "Japan", "the UK", "France",
          "New Zealand", "Mexico", "Ireland")
EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example", "shop.example")

# --- the intents ---------------------------------------------------------------------------------------------------

Trend = Callable[[int], float]
"""Relative weight of a week (0 = first week of the export) for an intent's tickets."""


def flat(week: int) -> float:
    return 1.0


def rising(week: int) -> float:
    return 1.0 + 0.35 * week


def peak_season(week: int) -> float:
    return 0.6 + 0.12 * week * week / WEEKS * 2


@dataclass(frozen=True)
class Intent:
    """What a group of tickets is about, and the ways customers put it."""

    key: str
    article: str | None
    """Slug of the article that answers it; None for a missing topic (or noise)."""
    count: int
    tags: str
    subjects: Sequence[str]
    """General subjects, for any of the bodies."""
    bodies: Sequence[str]
    """Ways to ask it; ``"Subject A|Subject B::body"`` gives the body its own subjects."""
    spanish: Sequence[tuple[str, str]] = ()
    """(subject, body) pairs written in Spanish; one ticket each."""
    trend: Trend = flat
    kind: str = "question"


INTENTS: tuple[Intent, ...] = (
    # ----- answered by an existing article -----
    Intent(
        "password", "reset-your-password", 16, "account login",
        ("Can't log in", "Login problem", "cant sign in", "Password", "Account access"),
        ("Forgot password::I forgot my password and can't get into my account. Can you reset it for me?",
         "Reset link not working|Password reset link expired::The reset password link says it has expired every "
         "time I click it. I've requested it three times now.",
         "Locked out of my account::I'm locked out of Parcelo. I changed my password last week and now it says the "
         "password is wrong. I have orders to ship today!",
         "Change password::How do I change my password? I think my old assistant still knows it.",
         "Password reset email never arrives::I never get the password reset email. Checked spam and promotions, "
         "nothing there.",
         "Keep getting 'incorrect email or password' but I'm 100% sure it's right. Tried on two browsers.",
         "Account locked::My account got locked after too many login attempts. How long until I can try again?",
         "I need to reset my password but I don't have access to the email I signed up with anymore.",
         "forgot my password again... the 'forgot password' link on the login page doesn't do anything when I "
         "click it",
         "After resetting my password I still can't sign in on the Parcelo Go app, it keeps sending me back to "
         "the login screen."),
        (("No puedo iniciar sesión", "Olvidé mi contraseña y el enlace para restablecerla no me llega al correo. "
          "¿Me pueden ayudar?"),
         ("Restablecer contraseña", "El enlace para cambiar la contraseña dice que ha caducado. ¿Qué hago?")),
    ),
    Intent(
        "2fa", "set-up-two-factor-authentication", 13, "account security",
        ("2FA", "Two-factor authentication", "Can't log in - verification code"),
        ("New phone, can't get 2FA code::I got a new phone and my authenticator app didn't transfer. Now I can't "
         "get the 6 digit code to log in. How do I get back into my account?",
         "Turn on two-factor authentication::How do I turn on two-factor authentication? Our insurance requires it "
         "for all the software we use.",
         "2FA codes not working|Verification code rejected::The 2FA code from Google Authenticator is always "
         "rejected as invalid. I type it in before it changes.",
         "Backup codes|Lost my phone::Where do I find my backup codes? I lost my phone on holiday and need to log "
         "in.",
         "Can I make 2FA mandatory for everyone on my team?",
         "Phone stolen::My phone was stolen and it had the authenticator on it. Please help me disable two factor "
         "so I can log in.",
         "Is there a way to get the one-time code by SMS instead of an authenticator app?",
         "Set up 2FA yesterday and now it asks for a code every single time I log in, even on my own laptop. Is "
         "that normal?"),
    ),
    Intent(
        "email-change", "change-your-email-address", 7, "account",
        ("Change login email", "Update email address", "Email address"),
        ("How do I change the email address I log in with? We're moving from Gmail to our own domain.",
         "Wrong email on account::I made a typo in my email when I signed up and now I don't get any "
         "notifications. Can I change it?",
         "Our shop manager left and her email is on the account. I want to put mine instead.",
         "I changed my email in settings but never got the confirmation email, and now I can't log in with either "
         "address.",
         "can i update the email where shipment notifications go without changing my login?"),
    ),
    Intent(
        "delete-account", "delete-your-account", 7, "account cancellation",
        ("Close my account", "Delete account", "Remove my account"),
        ("We're closing the shop at the end of the month. How do I delete our Parcelo account permanently?",
         "Please cancel and delete everything::Please delete my account and all my data. I don't use Parcelo "
         "anymore.",
         "How can I close my account? I can't find a delete button anywhere in settings.",
         "If I delete my account, do I lose my order history? I may need it for taxes.",
         "I want to cancel everything and remove my account, I've moved to another shipping tool."),
    ),
    Intent(
        "invite", "invite-teammates", 9, "account team",
        ("Add a team member", "Invite user", "Staff accounts", "Users"),
        ("How do I add my business partner to our account so she can print labels too?",
         "Invitation email not received::I invited a new packer but the invitation email never arrived. Can I "
         "resend it?",
         "Remove an employee::An employee left today. How do I remove their access right away?",
         "How many users can I add?::How many users can I have on the Growth plan? I want to add 4 people from "
         "the warehouse.",
         "Permissions::Can I give someone access only to print labels, without seeing billing?",
         "My colleague accepted the invite but says she can't see any orders. What permissions does she need?",
         "We share one login between 3 people at the moment. Is there a way to give everyone their own login?"),
    ),
    Intent(
        "card-declined", "card-declined", 12, "billing payment",
        ("Card declined", "Payment failed", "card keeps getting rejected", "Payment not going through"),
        ("My card keeps getting declined when I try to buy labels. The bank says there's nothing wrong with it.",
         "Can't buy labels - payment error::There's a red banner saying my payment failed and I can't buy any "
         "labels. I have {n} orders waiting!",
         "Payment failed again. Is it because of the 3D Secure thing? I never get the code from my bank.",
         "I tried two different cards and both were declined. What is going on?",
         "Why was my card declined? It works everywhere else. I need to ship today.",
         "Getting 'payment error' at checkout when buying postage, nothing happens after that.",
         "My subscription payment was declined because the card expired. Now the account is restricted."),
        (("Tarjeta rechazada", "Mi tarjeta es rechazada cada vez que intento comprar etiquetas. El banco dice que "
          "no hay ningún problema."),),
    ),
    Intent(
        "plan", "change-your-plan", 9, "billing subscription",
        ("Plan question", "Pricing question", "Subscription"),
        ("Upgrade plan::I want to upgrade to the Growth plan for the API access. Will I be charged the full month "
         "straight away?",
         "Downgrade to free::How do I downgrade to the free plan? We're a tiny shop and only ship a few parcels a "
         "month.",
         "Which plan do I need?::What's the difference between Growth and Team? I need 6 users.",
         "Switch to yearly billing::Can I switch from monthly to yearly billing and get the discount?",
         "Cancel subscription::I'd like to cancel my paid subscription but keep the account. Is that possible?",
         "If I downgrade mid-month, do I get a credit for the rest of the month?"),
    ),
    Intent(
        "invoices", "download-invoices", 13, "billing invoice",
        ("Invoice", "Invoices", "Invoice request"),
        ("Where are my invoices?|Need invoices for accountant::Where can I download my invoices? My accountant "
         "needs everything from September and October.",
         "VAT invoice|Invoice with company name::I need a VAT invoice with my company name and VAT number on it. "
         "The one I got only shows my own name.",
         "Download all invoices::Is there a way to download all invoices at once instead of one by one?",
         "Can invoices be sent automatically to my bookkeeper's email address?",
         "I can't find the invoice for the labels I bought on {date}.",
         "Wrong address on invoice::The address on my invoice is our old address. Can you send a corrected "
         "invoice?",
         "Receipt for last payment::Hi, could you send me a receipt for my last payment? I need it for my expense "
         "report.",
         "What is the 'Adjustment' invoice I received? I don't understand what it's for."),
    ),
    Intent(
        "duplicate", "duplicate-charge", 14, "billing charge",
        ("Charged twice", "Double charge", "billed twice this month", "Charges"),
        ("I was charged twice for my subscription this month. Please look into it.",
         "Duplicate payment on my card|Two charges from Parcelo::My bank statement shows two charges from Parcelo "
         "on the same day for the same amount. Why?",
         "Unknown charge on statement::There's a charge of {amount} from PARCELO*LABELS that I don't recognise. "
         "What is it for?",
         "You billed me twice!! once on the 1st and again on the 3rd. I want one of them back.",
         "I see a pending charge and a completed charge for the same labels. Am I paying double?",
         "Why do I have 3 charges from you this week? I only bought labels once.",
         "I upgraded my plan and got charged twice, once for the old plan and once for the new one."),
    ),
    Intent(
        "payout", "get-paid-out", 8, "billing payout",
        ("Where is my payout?", "Payouts", "Payout question"),
        ("COD payout missing::When do I get paid out for cash on delivery orders? It's been 10 days.",
         "My payout hasn't arrived in my bank account. The dashboard says it was sent on Monday.",
         "Change bank account for payouts::How do I change the bank account that payouts go to? We switched banks.",
         "Payout schedule::How often are payouts made? Weekly or monthly?",
         "The payout amount is lower than what my customers paid on delivery. Are there fees?"),
    ),
    Intent(
        "refund", "request-a-refund", 12, "billing refund",
        ("Refund request", "Money back please", "Refund"),
        ("Refund for unused label::I bought a label by mistake with the wrong service. Can I get a refund for it? "
         "It was never used.",
         "Cancel label and refund|Void a label::How do I cancel a shipping label and get my money back? The "
         "customer cancelled the order.",
         "Refund status::I requested a refund for 3 unused labels 2 weeks ago and still haven't received the money.",
         "My subscription renewed yesterday but I meant to cancel. Can I have a refund?",
         "Please refund the label for order {order}, we printed it twice and only used one.",
         "How long does a refund take to show on my card?",
         "I want a refund for this month, the service didn't work for most of it."),
        (("Reembolso de etiqueta", "Compré una etiqueta por error y no la he usado. ¿Cómo puedo pedir el "
          "reembolso?"),),
    ),
    Intent(
        "payment-method", "update-payment-method", 8, "billing payment",
        ("Update card", "Change credit card", "Payment details"),
        ("New card::My card expired and I have a new one. How do I update the card on file?",
         "How can I change the credit card used for labels? I want to use the business card instead.",
         "Pay by direct debit?::Can I pay by SEPA direct debit instead of a card?",
         "I want to remove my personal card and add the company card.",
         "Where do I update my billing details? The card expires at the end of this month."),
    ),
    Intent(
        "signup", "create-your-account", 5, "onboarding",
        ("Sign up question", "Getting started", "New account"),
        ("Confirmation email::I just signed up but never got the confirmation email. What should I do?",
         "Free trial?::Do I need a credit card to create an account? Just want to try it first.",
         "How do I set up a new account for my second shop?",
         "Return address::Where do I add my return address? It's not on my labels."),
    ),
    Intent(
        "mobile", "install-parcelo-go", 6, "mobile",
        ("Mobile app", "Parcelo Go", "Phone app"),
        ("iPhone app::Is there a Parcelo app for iPhone? I'd like to check orders when I'm at markets.",
         "Can I print from my phone?::Can I buy and print labels from my phone with Parcelo Go?",
         "Parcelo Go on Android::Where can I download the Android app? I can't find it in the Play Store.",
         "How do I sign in to Parcelo Go? It asks for a code I don't have.",
         "Can I use the phone app to scan parcels at the packing table?"),
    ),
    Intent(
        "first-shipment", "ship-your-first-parcel", 7, "shipping labels",
        ("How do I ship an order?", "First label", "New to Parcelo - creating labels"),
        ("I've connected my store, what do I do next to create a shipping label for an order?",
         "Buy postage::How do I buy a label? I see the order but not where to pay for postage.",
         "Just getting started. What's the process to send my first package?",
         "Where do I enter the parcel weight and size before buying the label?",
         "How do I choose a cheaper service when creating a label? It only shows express for me."),
    ),
    Intent(
        "dashboard", "tour-the-dashboard", 3, "dashboard",
        ("Dashboard question", "Dashboard"),
        ("What does Exceptions mean?::What does the 'Exceptions' card on the dashboard mean? It says 4.",
         "Where is the orders list?::I can't find the orders list after the redesign. Where did it go?",
         "What is the 'Next payout' number on my home screen?"),
    ),
    Intent(
        "api", "api-keys-and-webhooks", 11, "developer api",
        ("API", "Developer question", "API access"),
        ("API key::Where do I create an API key? I want to connect our warehouse system.",
         "Webhook not firing::Our webhook endpoint isn't receiving tracking events anymore since yesterday. "
         "Nothing changed on our side.",
         "Webhook signature::How do I verify the webhook signature? The HMAC I compute never matches the header.",
         "401 from API::I get 401 Unauthorized from the API with a key I just created.",
         "Is API access included in the Growth plan or do I need Team?",
         "Can I get tracking updates pushed to my server instead of polling the API every 5 minutes?",
         "We rotated our API key and now the old integration is broken. How do I revoke the old one properly?"),
    ),
    Intent(
        "shopify", "connect-shopify", 14, "integration shopify",
        ("Shopify", "Shopify integration", "shopify app"),
        ("Shopify orders not syncing::My Shopify orders stopped showing up in Parcelo since this morning. I have "
         "25 paid orders in Shopify.",
         "Connect Shopify::How do I connect my Shopify store? I installed the app but nothing happened.",
         "Orders are not marked as fulfilled in Shopify when I buy the label. Customers don't get the email.",
         "Orders missing from Shopify::Some Shopify orders appear and some don't. The missing ones have local "
         "pickup as the shipping method.",
         "I reinstalled the Shopify app and now every order is duplicated in Parcelo.",
         "Can I connect two Shopify stores to one Parcelo account?",
         "Tracking not sent to Shopify::Tracking numbers don't sync back to Shopify anymore."),
        (("Pedidos de Shopify", "Mis pedidos de Shopify no aparecen en Parcelo desde ayer. ¿Qué puedo hacer?"),),
    ),
    Intent(
        "woocommerce", "connect-woocommerce", 11, "integration woocommerce",
        ("WooCommerce", "WooCommerce plugin", "WordPress plugin"),
        ("Woo orders not importing::I installed the WooCommerce plugin but orders are not importing into Parcelo.",
         "WordPress plugin error::The plugin says 'connection failed: REST API disabled'. How do I fix that on my "
         "WordPress site?",
         "Connect WooCommerce::How do I connect my WooCommerce shop? The instructions mention an API key but I "
         "don't know where it goes.",
         "Tracking numbers are not being added to my WooCommerce orders after I buy the label.",
         "After updating WordPress the Parcelo plugin stopped syncing orders.",
         "Only some WooCommerce orders come through, the ones paid by bank transfer are missing."),
    ),
    Intent(
        "csv", "import-orders-from-csv", 11, "import csv",
        ("CSV import", "Import orders", "Upload orders"),
        ("CSV import failed::I'm trying to import my Etsy orders with a CSV file but it says 'row 4: invalid "
         "postcode'.",
         "CSV template::Do you have a CSV template for importing orders? I sell at markets and on Instagram.",
         "Import errors::The CSV import keeps failing with an encoding error. I saved it from Excel.",
         "Import orders from Excel|Bulk import::Can I upload orders in bulk from a spreadsheet instead of typing "
         "them one by one?",
         "Which columns does the CSV import need? Mine has first and last name in separate columns.",
         "Imported 200 orders from a spreadsheet and half of them have the wrong weight. Did I map the columns "
         "wrong?"),
    ),
    Intent(
        "export", "export-your-data", 8, "data export",
        ("Export data", "Data export"),
        ("Export shipments to Excel::How do I export all my orders and shipments to a CSV file? My accountant "
         "wants a spreadsheet.",
         "Backup of my data::Can I download a copy of all my data before I cancel?",
         "Download all my orders::I need a list of all shipments from last year with the tracking numbers. Is "
         "there an export?",
         "Is there a way to export customer addresses?",
         "The export file opens with weird characters in Excel."),
    ),
    Intent(
        "gdpr", "gdpr-and-privacy", 5, "privacy gdpr",
        ("GDPR request", "Privacy question"),
        ("Customer wants data deleted::One of my customers is asking us to delete all their personal data under "
         "GDPR. How do I do that in Parcelo?",
         "What personal data do you store about my customers, and for how long?",
         "A customer made a data access request. How do I get everything you hold about him?",
         "Where is your privacy policy? I need to link it from my shop."),
    ),
    Intent(
        "dpa", "data-processing-agreement", 4, "privacy legal",
        ("DPA", "Data processing agreement", "Signed DPA needed"),
        ("Our legal team needs a signed data processing agreement (DPA) before we can keep using Parcelo.",
         "Can you send me your DPA and the list of sub-processors?",
         "Do you have standard contractual clauses for data transfers outside the EU?"),
    ),
    Intent(
        "security", "security-practices", 5, "security",
        ("Security question", "Is Parcelo secure?"),
        ("Suspicious email|Phishing?::I got an email saying my Parcelo account will be suspended unless I confirm "
         "my card details. Is this really from you?",
         "Is my customers' data encrypted? A wholesale client asked me about your security.",
         "Security questionnaire::Do you have SOC 2 or ISO 27001? We need it for a security review.",
         "Account hacked?::I think my account was hacked, someone bought labels I didn't order."),
    ),
    Intent(
        "not-loading", "app-not-loading", 13, "bug app",
        ("Page not loading", "Website not working", "Parcelo not working"),
        ("Blank screen::Parcelo just shows a white screen after I log in. Tried Chrome and Firefox.",
         "Stuck on loading::The orders page is stuck on the loading spinner forever.",
         "App keeps crashing::The Parcelo Go app crashes every time I open it on my Samsung.",
         "Nothing happens when I click 'Buy label', the button does nothing. Is the site down?",
         "Parcelo is really slow::Everything is super slow today, pages take a minute to load and then freeze.",
         "I get 'Something went wrong' on every page since this morning.",
         "Dashboard is blank on my work computer but works on my phone. Any idea?"),
    ),
    Intent(
        "printing", "label-printing-problems", 14, "labels printing",
        ("Labels not printing", "Printer problem", "Label printing"),
        ("Label too small::My labels print tiny in the corner of the page instead of filling the 4x6 label.",
         "Zebra printer|Blank labels::Labels come out blank on my Zebra thermal printer. The test page prints fine.",
         "Label printing cut off::Half of the barcode is cut off when I print the label.",
         "The label prints on two pages. How do I get it on one?",
         "Rollo printer prints a blank label then the real one. Wasting so many labels!",
         "Labels are blurry and the post office couldn't scan the barcode.",
         "How do I print labels on A4 sheets with 2 labels per page?"),
        (("Etiquetas no se imprimen bien", "Las etiquetas salen cortadas en mi impresora térmica. ¿Cómo lo "
          "soluciono?"),),
    ),
    Intent(
        "tracking", "tracking-not-updating", 16, "tracking",
        ("Tracking not updating", "Parcel stuck", "Where is my package?", "Tracking"),
        ("Tracking for order {order} hasn't updated in {days} days. It's still showing 'in transit'.",
         "Tracking stuck on label created::My parcel has been stuck on 'label created' since Monday but I dropped "
         "it off at the {carrier} shop.",
         "No tracking information::The tracking number says 'not found' on the {carrier} website.",
         "Customer keeps asking where her package is. Tracking hasn't moved for a week. What can I do?",
         "Tracking shows delivered in Parcelo but the customer says nothing arrived. The {carrier} site says out "
         "for delivery.",
         "No tracking info at all on any of my {carrier} parcels from yesterday.",
         "How do I open a trace request? The parcel is stuck somewhere between depots."),
        (("El seguimiento no se actualiza", "El número de seguimiento no se actualiza desde hace 6 días y el "
          "cliente me pregunta todos los días dónde está su paquete."),
         ("Paquete atascado", "Mi paquete sigue en 'etiqueta creada' aunque lo entregué en la oficina de {carrier} "
          "el lunes.")),
    ),
    # ----- missing topics: the help center has no article for these -----
    Intent(
        "customs", None, 34, "international",
        ("Customs", "Customs question", "International shipping", "Shipping abroad", "International order"),
        ("Customs declaration for international order::I'm sending my first order to {abroad} and {carrier} says "
         "it needs a customs declaration. Where do I fill that in? I don't see any customs section when I buy "
         "the label.",
         "Import duties|who pays the duties??::My customer in {abroad} had to pay {amount} in import duties before "
         "the courier would hand over the parcel, and now she's furious. Can I pay the duties upfront (DDP) so the "
         "customer isn't charged on delivery?",
         "Do I need a CN23?|Customs form::Do you create the CN22/CN23 customs form automatically or do I have to "
         "print one separately and stick it on the box? The label came out as one page only.",
         "HS codes::Where do I put the HS code (tariff code) for my {products}? {carrier} rejected the shipment "
         "saying the commercial invoice was missing HS codes.",
         "Parcel held at customs::A parcel to {abroad} has been held at customs for 9 days. Tracking says 'held by "
         "customs - awaiting documents'. What documents do they want and how do I send them?",
         "Commercial invoice::Since Brexit every order to the EU needs paperwork. Can Parcelo print the commercial "
         "invoice with the label, and how many copies do I need?",
         "EORI number::Where do I enter my EORI number? The courier is asking for it on every international "
         "shipment.",
         "Customs value::How do I declare the value of the goods for customs? Should it be the price the customer "
         "paid including shipping or only the items?",
         "Gift on customs form::Can I mark a shipment as a gift or a free sample on the customs form? It's a "
         "replacement for a customer in {abroad}.",
         "Is there a way to save customs descriptions per product so I don't have to type '{products}' and the "
         "tariff number every time I ship abroad?",
         "Package refused - duties::Customer in {abroad} refused the package because of the import taxes and now "
         "{carrier} wants to charge me for the return. Who is responsible for duties and taxes when I ship with "
         "Parcelo?",
         "Country of origin::The customs declaration printed with the wrong country of origin. Where do I set the "
         "country of origin for my products?",
         "IOSS::Do I need to add our IOSS number for EU orders under 150 EUR? Our shop already collects the VAT at "
         "checkout so the customer shouldn't pay it again at the door.",
         "International shipping documents::What paperwork do I need to ship {products} to {abroad}? First time "
         "shipping internationally and I'm scared it gets stuck at the border.",
         "how do i add the customs info?? the label page only asks for weight and size but its going to {abroad}",
         "Duties and taxes::We're getting lots of orders from {abroad} for the holidays. Is there a way to show the "
         "customer the import fees at checkout, or to include them in the shipping price?",
         "Customs paperwork::{carrier} just sent back a parcel to {abroad} because 'customs documents missing'. "
         "I thought Parcelo did the paperwork automatically when I buy an international label?",
         "Do you support DDP (delivered duty paid) shipping? My wholesale customer in {abroad} doesn't want to pay "
         "anything on delivery.",
         "Item description for customs::What should I write as the item description for customs? '{products}' "
         "or something more specific? The last parcel was delayed because the description was 'too vague'.",
         "Customs form for each parcel?::For an order split across two boxes, do I need a customs declaration on "
         "both parcels or only one?",
         "Is there a value limit for sending goods to {abroad} without paying duties? A customer is asking before "
         "she orders.",
         "Where are my customs documents? I need to send a copy of the customs invoice to {carrier} for a "
         "shipment to {abroad} and I can't find it anywhere in the shipment details.",
         "Since the new EU rules my parcels to the UK keep getting stuck. Do I need a VAT number on the customs "
         "declaration?"),
        (("Declaración de aduanas", "¿Cómo relleno la declaración de aduanas para un envío a Estados Unidos? No "
          "encuentro dónde poner el código arancelario."),
         ("Aranceles de importación", "Mi cliente en Chile tuvo que pagar aranceles e impuestos de importación al "
          "recibir el paquete. ¿Puedo pagar yo los aranceles por adelantado?")),
        rising,
    ),
    Intent(
        "claims", None, 30, "claim carrier",
        ("Claim", "Damaged parcel", "Insurance question"),
        ("Parcel arrived damaged|Broken item - how do I claim?::One of my parcels arrived completely crushed and "
         "the {products} inside were broken. The customer sent photos. How do I file a damage claim with "
         "{carrier} through Parcelo?",
         "Do you offer shipping insurance?::Does Parcelo offer shipping insurance? I ship {products} worth around "
         "{amount} per order and I'd like cover above the carrier's basic liability.",
         "Lost parcel compensation::{carrier} confirmed they lost the parcel. How do I get compensation for the "
         "item and the label? Do I claim with you or with them?",
         "Insurance claim::I bought insurance on the label for order {order} and the parcel never arrived. What "
         "proof do you need for the claim and how long until it's paid?",
         "Items missing from parcel::The customer received the box but it had been opened and half the items were "
         "missing. Can I open a claim for a partially lost shipment?",
         "Status of my claim::I opened a claim 3 weeks ago for a damaged parcel and haven't heard anything since. "
         "Where can I see the status of a claim?",
         "How do I file a claim?::What's the deadline to file a claim for a damaged parcel? The customer only told "
         "me today and it was delivered {days} days ago.",
         "Declared value::Is the declared value covered automatically? The parcel was worth {amount} and {carrier} "
         "only offered me 25 in compensation.",
         "Add insurance to label::How do I add insurance when I buy a label? I don't see the option anywhere on "
         "the label screen.",
         "claim rejected::My claim was rejected for 'insufficient packaging'. The box was double walled with "
         "bubble wrap. Can I appeal?",
         "Damaged in transit::parcel delivered damaged, water damage all over the box. what do i need to send you "
         "for the insurance claim? photos? the invoice?",
         "Broken on arrival::Two of my {products} orders arrived smashed this week. Who pays for the damage, the "
         "carrier or me? I want to claim the money back.",
         "Compensation for lost package::{carrier} has now marked the parcel as lost after 3 weeks. The contents "
         "were worth {amount}. How do I get reimbursed for the goods, not just the postage?",
         "What does the insurance cover? If I add cover to a label for {products}, is breakage included or only "
         "loss?",
         "Claim form::Where is the claim form? The carrier says the sender has to report damage, so I need to do "
         "it from my account.",
         "Damage claim - what proof?::A customer got her {products} in pieces. I have photos of the box and the "
         "items. Do I also need the packaging? She already threw it away.",
         "How much does shipping insurance cost per parcel? I'd like to insure everything over {amount}.",
         "Carrier liability::How much is the standard carrier liability if a parcel is lost or damaged? Do I need "
         "to buy extra cover?",
         "Our claim for order {order} was approved 2 weeks ago, when do we actually get the money?"),
        (("Paquete dañado", "El paquete llegó roto y el cliente me mandó fotos. ¿Cómo abro una reclamación al "
          "seguro con {carrier}?"),),
    ),
    Intent(
        "pickup", None, 24, "pickup carrier",
        ("Pickup", "Collection", "Courier collection", "Pickup question"),
        ("Schedule a pickup::How do I book a {carrier} pickup for tomorrow? I have {n} parcels ready and no time "
         "to drive to the drop-off point.",
         "Pickup didn't happen|Driver never came::I scheduled a collection for today between 9 and 12 and nobody "
         "showed up. Can you check what happened and rebook it?",
         "Daily pickups?::Is it possible to set up a recurring daily pickup instead of booking one every morning?",
         "Cancel pickup::I need to cancel the pickup I booked for Friday, we're closed that day. There's no cancel "
         "button.",
         "Change pickup address::Can I change the pickup address? We're shipping from our warehouse this week, not "
         "the shop.",
         "Same-day pickup::What's the cut-off time to book a same-day pickup with {carrier}? I tried at 2pm and it "
         "only offered tomorrow.",
         "Pickup fee?::Do pickups cost extra? I was charged {amount} on top of the labels and I think it's for the "
         "collection.",
         "Book a collection::Can I add more parcels to a pickup I already scheduled? I booked it for 5 boxes but "
         "now we have {n}.",
         "The 'Schedule pickup' button is greyed out for my {carrier} shipments. Why?",
         "Driver left without parcels::The driver came but said the pickup was booked for a different address and "
         "left without the parcels.",
         "how do I get {carrier} to collect parcels from my home? where is the option to request a courier "
         "pickup?",
         "Pickup window::Can I choose a time window for the pickup? I'm only at the studio in the afternoons.",
         "Collection from the shop::Is it possible to get parcels collected from our shop instead of dropping them "
         "off? We have too many for the car now.",
         "Which carriers do pickups?::Which carriers can I book a collection with through Parcelo? I only see "
         "the option for some of them.",
         "Reschedule a pickup::I booked a pickup for tomorrow but need to move it to Thursday. How do I "
         "reschedule it?",
         "Missed collection::Second time this week {carrier} didn't turn up for the scheduled collection. Our "
         "parcels are still sitting here. What can you do?",
         "Do I need to book a pickup for each order or does one pickup cover all the labels I bought today?"),
        (("Programar una recogida", "¿Cómo programo una recogida con {carrier}? Tengo {n} paquetes y no puedo "
          "llevarlos a la oficina."),
         ("La recogida no se hizo", "Reservé una recogida para hoy por la mañana y el mensajero no vino. ¿Pueden "
          "reprogramarla?")),
        peak_season,
    ),
    Intent(
        "returns", None, 28, "returns",
        ("Returns", "Return shipping", "Customer return"),
        ("Return label for customer|Customer wants to return an order::A customer wants to send back her "
         "{products}. How do I create a return label so she can ship it back to me?",
         "Returns portal?::Do you have a returns portal where my customers can start a return themselves? Right "
         "now they all email me and I make the labels by hand.",
         "Prepaid return label::Can I email a prepaid return label straight to the customer from Parcelo, or do I "
         "have to download it and forward it?",
         "Charge customer for return::How do I charge the customer for the return label? I want to take the "
         "return shipping off their refund.",
         "Paperless returns::Some of my customers don't have a printer. Is there a QR code or paperless return "
         "they can show at the post office?",
         "Unused return labels::The customer got the return label but never sent the parcel. Do I pay for return "
         "labels that aren't used?",
         "Return label in the box::Can I put a return label in the box with the original shipment so customers "
         "have it ready?",
         "Where do I see the returns that are on their way back to me? I created 3 return labels last week and "
         "can't find them.",
         "Return window::How do I set a return window (30 days) so customers can't make return labels after that?",
         "International return::Customer in {abroad} wants to return an item. Can the return label go from their "
         "country to my address?",
         "what's the easiest way to handle returns with Parcelo? we're expecting a lot after the holidays",
         "Return for exchange::A customer wants to exchange a {products} order for a different size. How do I "
         "send her a return label and then the new item?",
         "Customer returns::Can my customers print their own return label from the tracking page or the shipping "
         "email?",
         "Return label cost::How much does a return label cost and who pays for it, me or the customer?",
         "Return address for returns::Returned parcels should go to our warehouse, not the shop. Can I use a "
         "different address on return labels?",
         "Is it possible to create return labels in bulk? We have {n} returns from one wholesale order.",
         "Return label expired::A customer says her return label has expired before she could drop it off. Can I "
         "extend it or send a new one?"),
        (("Etiqueta de devolución", "Un cliente quiere devolver un pedido. ¿Cómo le envío una etiqueta de "
          "devolución prepagada?"),
         ("Devoluciones", "¿Tienen un portal de devoluciones para que mis clientes generen su propia etiqueta?")),
        rising,
    ),
    Intent(
        "currency", None, 16, "billing currency",
        ("Change currency", "Currency", "Wrong currency"),
        ("Prices in USD instead of EUR::I set up my account from the US but my business is in the Netherlands. "
         "All prices and invoices are in USD. How do I change the account currency to EUR?",
         "Switch to GBP::Can I switch the currency from dollars to pounds? My bank charges me a conversion fee on "
         "every label.",
         "Account currency wrong::The currency on my account is wrong, it should be CAD not USD.",
         "We moved our company to Ireland. Can we change the currency to euros without creating a new account?",
         "Is it possible to see label prices in my own currency? The rates show in EUR and I have to convert "
         "every time.",
         "Pay in my own currency?::Why am I charged in US dollars when I'm in Australia? Can I pay in AUD?",
         "How do I change the default currency? I picked the wrong country when signing up.",
         "Currency for label prices::Label prices show in pounds but our bank account and shop are in euros. Can "
         "we be billed in EUR?",
         "Change account currency::We opened a second branch in Canada. Can I change the currency of that "
         "account to CAD or do I need a separate one?",
         "My accountant says the invoices must be in our local currency (SEK). Can you change the currency for "
         "us?"),
        (("Cambiar moneda", "Mi cuenta está en dólares pero mi tienda está en España. ¿Cómo cambio la moneda a "
          "euros?"),),
    ),
    # ----- noise: auto-replies and follow-ups every export has -----
    Intent(
        "noise", None, 6, "",
        ("Re: Your request has been solved", "Automatic reply: Re: [Parcelo] Update on your request", "Thanks!",
         "Out of office", "Re: Parcelo support"),
        ("Thank you, that worked!",
         "I am out of the office until Monday with limited access to email. For urgent matters please contact my "
         "colleague.",
         "ok great, thanks for the quick help",
         "Can someone call me back please? It's easier to explain on the phone.",
         "Still waiting for an answer on this one..."),
        kind="noise",
    ),
)

# --- how people write ----------------------------------------------------------------------------------------------

GREETINGS = ("Hi,", "Hello,", "Hi there,", "Hello team,", "Hi Parcelo team,", "Hey,", "Good morning,",
             "Dear Parcelo support,", "Hi all,", "Hello support,")
OPENERS = ("We run a small {shop_kind} shop on {platform}.", "I've been using Parcelo for about a year now.",
           "I sell {products} online and ship around {n} orders a week.", "Quick question.",
           "Sorry if this has been asked before.", "I hope you can help.", "I'm new to Parcelo.",
           "We just switched to Parcelo from another shipping app.", "Small {shop_kind} business here.",
           "We're a family-run {shop_kind} shop, mostly selling on {platform}.", "Bit of a silly question maybe.",
           "I manage shipping for {shop}.", "First time writing in.", "Hoping you can sort this out for me.",
           "I've got a problem I can't figure out.", "This is my second message about this.")
EXTRAS = ("This is quite urgent, we have {n} orders to get out today.", "Can someone get back to me today please?",
          "Thanks in advance for your help.", "I couldn't find anything about this in the help center.",
          "Please advise.", "Any help appreciated!", "It's really holding us up during our busiest month.",
          "I looked through the FAQ but couldn't find an answer.", "Urgent please!!", "Need this sorted asap.",
          "I have a market on Saturday so I'd love an answer before then.", "Screenshot attached.",
          "What should I do?", "Let me know if you need more details.", "We're a bit stuck without this.",
          "Hope that makes sense.", "Appreciate it.", "Customers are starting to complain.",
          "I'd rather not have to switch tools over this.", "Happy to jump on a call if easier.")
SIGNOFFS = ("Thanks,\n{first}", "Thank you,\n{name}", "Best regards,\n{name}\n{shop}", "Cheers,\n{first}",
            "Kind regards,\n{name}\n{shop}\n{phone}", "Thanks!\n{first}", "--\n{name}\nOwner, {shop}\n{website}",
            "Sent from my iPhone", "Regards,\n{name}", "Many thanks,\n{first} @ {shop}")
ES_GREETINGS = ("Hola,", "Buenos días,", "Hola equipo,")
ES_SIGNOFFS = ("Gracias,\n{name}", "Saludos,\n{name}", "Un saludo,\n{name}\n{shop}", "Enviado desde mi iPhone")
PLATFORMS = ("Shopify", "WooCommerce", "Etsy", "Squarespace", "our own website")


def _typo(rng: random.Random, text: str) -> str:
    """One or two slips: a dropped or doubled letter, swapped letters, a missing apostrophe."""
    words = text.split(" ")
    for _ in range(rng.choice((1, 1, 2))):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) < 5 or not w.isalpha():
            continue
        j = rng.randrange(1, len(w) - 2)
        how = rng.random()
        if how < 0.4:
            w = w[:j] + w[j + 1:]
        elif how < 0.7:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    text = " ".join(words)
    if rng.random() < 0.5:
        for a, b in (("don't", "dont"), ("can't", "cant"), ("I'm", "im"), ("it's", "its"), ("doesn't", "doesnt")):
            text = text.replace(a, b)
    return text


@dataclass
class Person:
    name: str
    first: str
    shop: str
    email: str
    phone: str
    website: str


def _person(rng: random.Random, spanish: bool = False) -> Person:
    name = rng.choice(ES_NAMES) if spanish else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    first = name.split()[0]
    shop = rng.choice(SHOPS)
    handle = "".join(c for c in shop.casefold() if c.isalnum())[:16]
    local = rng.choice((first.casefold(), name.casefold().replace(" ", "."), "hello", "orders", "info"))
    local = local.replace("ü", "u").replace("á", "a").replace("é", "e").replace("í", "i").replace("ó", "o")
    email = f"{local}@{handle}.{rng.choice(EMAIL_DOMAINS)}"
    phone = rng.choice((f"+44 7700 900{rng.randrange(100, 999)}", f"+1 (555) 01{rng.randrange(10, 99)}-"
                        f"{rng.randrange(1000, 9999)}", f"07700 900{rng.randrange(100, 999)}",
                        f"+34 600 {rng.randrange(100, 999)} {rng.randrange(100, 999)}"))
    return Person(name, first, shop, email, phone, f"www.{handle}.example")


# what a shop sells, as the shop owner would say it in an opener and in the question
SHOP_GOODS = (("candle", "candles"), ("ceramics", "mugs"), ("print", "art prints"), ("tea", "tea tins"),
              ("knitwear", "jumpers"), ("soap", "soap bars"), ("stationery", "notebooks"), ("coffee", "coffee bags"),
              ("jewellery", "earrings"), ("toy", "wooden toys"), ("record", "vinyl records"), ("plant", "plant pots"))


def _slots(rng: random.Random, when: datetime) -> dict[str, str]:
    """The values one ticket's templates are filled with (one shop, one carrier ... per ticket)."""
    kind, goods = rng.choice(SHOP_GOODS)
    day = when - timedelta(days=rng.randrange(1, 12))
    return {
        "carrier": rng.choice(CARRIERS), "abroad": rng.choice(ABROAD), "products": goods, "shop_kind": kind,
        "amount": rng.choice(("£38", "$64", "€45", "$120", "£85", "€210", "$23.50", "€17,90")),
        "n": str(rng.choice((12, 15, 20, 25, 30, 40, 60))), "days": str(rng.choice((5, 6, 8, 10, 12))),
        "order": f"#{rng.randrange(1001, 9999)}", "date": day.strftime("%B %-d"),
        "platform": rng.choice(PLATFORMS),
    }


def _deck(rng: random.Random, intent: Intent) -> list[str]:
    """The intent's body templates in shuffled rounds, one per ticket: every way of asking is used before any
    is used again (customers rarely write the same sentence twice)."""
    deck: list[str] = []
    while len(deck) < intent.count:
        deck += rng.sample(list(intent.bodies), len(intent.bodies))
    return deck[: intent.count]


def _subject_and_body(rng: random.Random, intent: Intent, template: str) -> tuple[str, str]:
    """A subject for a body template: the body's own subjects (``"Subject A|Subject B::body"``) most of the
    time, else one of the intent's general subjects."""
    own, _, body = template.rpartition("::")
    if own and rng.random() < 0.7:
        return rng.choice(own.split("|")), body
    return rng.choice(intent.subjects), body


# personal data some customers paste into tickets (fake: test card numbers, example domains, 555/07700 900 phones)
CARD_NUMBERS = ("4111 1111 1111 1111", "4111-1111-1111-1111", "5555 5555 5555 4444")
PII_LINES = {
    "email": ("My account email is {email} in case you need it.", "You can reach me at {email}.",
              "(account: {email})", "Please reply to {email}, not the address I'm writing from."),
    "phone": ("Call me on {phone} if it's easier.", "My number is {phone}.", "Phone: {phone}"),
    "card": ("The card is {card}, exp 09/28 if that helps.", "I used my Visa {card}.",
             "Card number {card} - it's a business card."),
}
CARD_INTENTS = ("card-declined", "duplicate", "payment-method", "refund")
"""Intents where a customer may paste a full card number."""
SCRIPT_TICKET = ("I was testing our shop name on the tracking page and typed <script>alert('xss')</script> as the "
                 "shop name - it shows up on the page. Is Parcelo safe against this kind of thing?")
"""One ticket pastes markup: the report must show it as text, never run it."""


@dataclass
class Row:
    """One generated ticket, with the intent it was written from (not in the CSV)."""

    intent: str
    article: str | None
    """Slug of the article that answers it (None: a missing topic or noise)."""
    subject: str
    description: str
    via: str
    locale: str
    created: datetime
    tags: str
    fields: dict[str, str] = field(default_factory=dict)
    """The CSV row (filled by :func:`generate`)."""


def _ticket(rng: random.Random, intent: Intent, when: datetime, template: str, *,
            spanish: tuple[str, str] | None, pii: str | None, script: bool = False) -> Row:
    person = _person(rng, spanish is not None)
    slots = _slots(rng, when)
    via = rng.choices(("email", "web", "chat", "api"), weights=(48, 32, 13, 7))[0]

    def row(subject: str, description: str, locale: str, channel: str = via) -> Row:
        return Row(intent.key, intent.article, subject, description, channel, locale, when, intent.tags)

    if spanish:
        subject, body = (s.format(**slots) for s in spanish)
        greeting = rng.choice(ES_GREETINGS) if rng.random() < 0.6 else ""
        sign = rng.choice(ES_SIGNOFFS).format(**vars(person)) if rng.random() < 0.6 else ""
        locale = rng.choice(("es", "es", "es-MX", "es-ES"))
        return row(subject, "\n\n".join(p for p in (greeting, body, sign) if p), locale)

    subject, body = (s.format(**slots) for s in _subject_and_body(rng, intent, template))
    locale = rng.choices(("en-US", "en-GB", "en-AU", "en-CA", "de", "nl"), weights=(40, 25, 8, 8, 3, 3))[0]
    if intent.kind == "noise":
        return row(subject, body, locale, "email")
    if rng.random() < 0.15:
        body = _typo(rng, body)
    if script:
        body = SCRIPT_TICKET + " " + body
    if pii:
        line = rng.choice(PII_LINES[pii]).format(email=person.email, phone=person.phone,
                                                 card=rng.choice(CARD_NUMBERS))
        body = body + ("\n\n" if rng.random() < 0.5 else " ") + line

    if via == "chat":  # short, often lower-case, no greeting or signature
        if rng.random() < 0.5:
            body = body.lower()
        if rng.random() < 0.4:  # a Zendesk Chat transcript, with the agent's first reply
            t0 = when.strftime("%I:%M:%S %p")
            t1 = (when + timedelta(seconds=rng.randrange(20, 90))).strftime("%I:%M:%S %p")
            body = (f"Chat started: {when:%Y-%m-%d %I:%M %p} UTC\n\n({t0}) {person.first}: {body}\n"
                    f"({t1}) Sam (Parcelo): Thanks {person.first}, let me have a look at that for you.")
            subject = f"Chat with {person.name}"
        return row(subject, body, locale)

    if rng.random() < 0.2:
        body = rng.choice(OPENERS).format(**slots, shop=person.shop.rstrip(".")) + " " + body
    if rng.random() < 0.25:
        body = body + " " + rng.choice(EXTRAS).format(**slots)
    parts = []
    if via != "api" and rng.random() < 0.45:
        parts.append(rng.choice(GREETINGS))
    parts.append(body)
    if via == "api":  # the in-app contact form of Parcelo Go
        subject = rng.choice(("[Parcelo Go] " + subject, subject))
        parts.append(f"--\nSent from Parcelo Go {rng.choice(('4.12.1', '4.12.2', '4.13.0'))} "
                     f"({rng.choice(('iOS 26.1', 'Android 15', 'Android 14', 'iOS 18.6'))})")
    elif rng.random() < 0.55:
        parts.append(rng.choice(SIGNOFFS).format(**vars(person)))
    text = "\n\n".join(parts)
    if via == "email" and rng.random() < 0.12:  # a reply on an old thread: the quoted part is not the question
        old = when - timedelta(days=rng.randrange(3, 40))
        ref = FIRST_ID - rng.randrange(50, 900)
        subject = "Re: " + subject
        text += (f"\n\nOn {old:%a, %-d %b %Y} at {old:%H:%M}, Parcelo Support <support@parcelo.example> wrote:\n"
                 f"> Hi {person.first},\n>\n> Thanks for getting in touch. Your request ({ref}) has been solved.\n"
                 "> If you need anything else, just reply to this email.\n>\n> Parcelo Support")
    if via == "web" and rng.random() < 0.2:
        subject = subject.lower()
    return row(subject, text, locale)


def _dates(rng: random.Random, count: int, trend: Trend) -> list[datetime]:
    """``count`` creation times over the export's weeks, weighted by the trend, weekdays and office hours."""
    days = [START + timedelta(days=d) for d in range(WEEKS * 7)]
    weights = [trend(d // 7) * (0.35 if (START + timedelta(days=d)).weekday() >= 5 else 1.0)
               for d in range(len(days))]
    out = []
    for day in rng.choices(days, weights=weights, k=count):
        hour = min(23, max(0, round(rng.gauss(13, 3.5))))
        out.append(day + timedelta(hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60)))
    return out


def generate(seed: int = SEED) -> list[Row]:
    """Every ticket of the sample export, oldest first, with its Zendesk fields in ``Row.fields``."""
    rng = random.Random(seed)
    rows: list[Row] = []
    for intent in INTENTS:
        dates = _dates(rng, intent.count, intent.trend)
        es = list(intent.spanish)
        es_at = set(rng.sample(range(intent.count), len(es)))
        deck = _deck(rng, intent)
        for i, when in enumerate(dates):
            spanish = es.pop() if i in es_at else None
            pii = None
            if spanish is None and intent.kind != "noise":
                roll = rng.random()
                if roll < 0.05:
                    pii = "email"
                elif roll < 0.08:
                    pii = "phone"
                elif roll < 0.18 and intent.key in CARD_INTENTS:
                    pii = "card"
            script = intent.key == "security" and i == 0
            rows.append(_ticket(rng, intent, when, deck[i], spanish=spanish, pii=pii, script=script))
    rows.sort(key=lambda r: r.created)
    for n, r in enumerate(rows):
        solved = r.created + timedelta(hours=rng.randrange(1, 96), minutes=rng.randrange(60))
        status = rng.choices(("Closed", "Solved", "Pending", "Open"), weights=(55, 30, 8, 7))[0]
        tags = r.tags if r.tags and rng.random() < 0.75 else ""
        if tags and r.via == "chat":
            tags += " zopim_chat"
        if tags and r.via == "api":
            tags += " parcelo_go"
        r.fields = {
            "Id": str(FIRST_ID + n), "Subject": r.subject, "Description": r.description, "Status": status,
            "Priority": rng.choices(("Normal", "High", "Low", "Urgent", "-"), weights=(55, 15, 8, 2, 20))[0],
            "Type": rng.choices(("Question", "Problem", "Incident", "-"), weights=(45, 25, 5, 25))[0],
            "Tags": tags, "Via": r.via, "Requester locale": r.locale,
            "Created at": r.created.strftime("%Y-%m-%d %H:%M:%S +0000"),
            "Updated at": (solved if status in ("Closed", "Solved") else r.created).strftime("%Y-%m-%d %H:%M:%S +0000"),
        }
    support = random.Random(seed + 1)  # a stream of its own: the tickets above stay as they were
    categories = _categories()
    for r in rows:
        r.fields.update(_support(support, r, categories, (r.fields["Updated at"] != r.fields["Created at"])))
    return rows


# --- what the agents did: replies, reply and resolution times, satisfaction -----------------------------------------

LINK_REPLIES = ("Hi, this article walks you through it: {url}", "Thanks for reaching out! Here are the steps: "
                "{url} Let me know if anything is unclear.", "Good question, it's all in our help center: {url}")
ES_LINK_REPLIES = ("Hola, en este artículo tienes los pasos: {url}", "¡Gracias por escribirnos! Aquí lo "
                   "explicamos: {url}")
PLAIN_REPLIES = ("Thanks, I've sorted that out on our side. You should see the change now.",
                 "Hi, I've passed this on to the team and will update you as soon as I hear back.",
                 "Thanks for your patience. This is fixed now.")
ELSEWHERE_REPLIES = ("Hi, the carrier explains this on their own site: https://www.{carrier}.example/help",
                     "Hi, we don't support this in Parcelo yet; the carrier can help: "
                     "https://www.{carrier}.example/contact")


def _categories() -> dict[str, str]:
    """Article slug → category, from the sample help center's content/ folder."""
    content = Path(__file__).resolve().parent.parent / "content"
    return {p.stem: p.parent.name for p in sorted(content.glob("*/*.md"))}


def _support(rng: random.Random, r: Row, categories: dict[str, str], solved: bool) -> dict[str, str]:
    """The agent's reply (a link to the article for about a third of the answerable tickets), the first reply and
    full resolution times, the time agents spent (Zendesk's time tracking app) and the satisfaction score; tickets
    without an article take longer and leave customers less satisfied."""
    spanish = r.locale.startswith("es")
    if r.intent == "noise":
        return {"Agent reply": "", "First reply time in minutes": "", "Full resolution time in minutes": "",
                "Satisfaction Score": "Unoffered", "Total time spent (sec)": str(rng.randrange(20, 90))}
    roll = rng.random()
    if r.article and roll < 0.35:
        url = f"{SITE_URL}{'es/' if spanish else ''}{categories[r.article]}/{r.article}.html"
        reply = rng.choice(ES_LINK_REPLIES if spanish else LINK_REPLIES).format(url=url)
    elif not r.article and roll < 0.3:
        reply = rng.choice(ELSEWHERE_REPLIES).format(carrier=rng.choice(CARRIERS).lower().replace(" ", ""))
    else:
        reply = rng.choice(PLAIN_REPLIES)
    fast = r.via == "chat"
    first_reply = max(1, round(rng.lognormvariate(1.8 if fast else 4.8, 0.6)))
    hard = r.article is None  # no article: the agent works it out each time
    full = first_reply + round(rng.lognormvariate(6.2 if hard else 5.0, 0.7)) if solved else None
    rated = rng.random() < 0.45 and solved
    happy = 0.55 if hard else 0.88
    score = ("Good" if rng.random() < happy else "Bad") if rated else rng.choice(("Offered", "Unoffered"))
    spent = round(60 * rng.lognormvariate(2.9 if hard else 2.0, 0.5))  # Zendesk's time tracking app, seconds
    return {"Agent reply": reply, "First reply time in minutes": str(first_reply),
            "Full resolution time in minutes": "" if full is None else str(full), "Satisfaction Score": score,
            "Total time spent (sec)": str(spent)}


# --- what the site saw: the analytics events its JavaScript sends (EVENTS.md), as the custom endpoint stores them ----

NO_RESULT_QUERIES = {
    "customs": ("customs form", "commercial invoice", "import duties canada", "who pays the duties", "cn22 form",
                "customs declaration", "ioss number", "formulario de aduanas"),
    "claims": ("damaged parcel claim", "lost package claim", "file a claim", "parcel arrived broken",
               "insurance claim", "paquete dañado"),
    "pickup": ("schedule a pickup", "book ups collection", "carrier pickup", "dhl collection from home",
               "recogida a domicilio"),
    "returns": ("return label for my customer", "prepaid return label", "returns portal", "customer return",
                "etiqueta de devolución"),
    "currency": ("change currency", "account currency eur", "pay in euros", "cambiar moneda"),
    None: ("gift message", "print packing slip", "ship to po box", "dark mode"),
}
"""Searches that find nothing: the subjects the help center has no article for, and a few asked only there."""
UNCLEAR = {"download-invoices": "outdated", "card-declined": "unclear", "connect-shopify": "missing",
           "get-paid-out": "incorrect"}
"""Articles readers find less helpful, and the reason they give most."""


def make_events(rows: Sequence[Row], seed: int = SEED) -> list[dict[str, object]]:
    """The site's events over the export's weeks, consistent with the tickets: searches (a few find nothing, about
    what the tickets without an article ask), "Was this helpful?" votes on the articles the tickets ask about, and
    the contact page's suggestions (most of which answer the question), in English and Spanish."""
    rng = random.Random(seed + 2)
    answered = [r.article for r in rows if r.article]
    themes = Counter(r.intent for r in rows if r.intent in NO_RESULT_QUERIES)
    events: list[tuple[datetime, dict[str, object]]] = []

    def when() -> datetime:
        return START + timedelta(days=rng.randrange(WEEKS * 7), hours=rng.randrange(7, 23), minutes=rng.randrange(60))

    def add(event: str, locale: str, page: str, **props: object) -> None:
        events.append((when(), {"event": event, "props": {**props, "locale": locale, "page": page}}))

    for _ in range(200):  # searches that found something
        slug = rng.choice(answered)
        add("search", rng.choices(("en", "es"), weights=(85, 15))[0], rng.choice(("home", "search", slug)),
            query=slug.replace("-", " "), results=rng.randrange(1, 8), opened_first=int(rng.random() < 0.7))
    for theme, queries in NO_RESULT_QUERIES.items():
        for _ in range(themes[theme] * 2 if theme else 9):
            q = rng.choice(queries)
            spanish = any(c in q for c in "áéíóúñ") or q.split()[0] in ("formulario", "paquete", "recogida",
                                                                       "etiqueta", "cambiar")
            add("search", "es" if spanish else "en", "search", query=q, results=0, opened_first=0)
            add("no_result", "es" if spanish else "en", "search", query=q)
    for slug in sorted(set(answered)):
        reason = UNCLEAR.get(slug)
        for _ in range(rng.randrange(4, 14)):
            no = rng.random() < (0.55 if reason else 0.12)
            why = (reason if rng.random() < 0.7 else rng.choice(("missing", "unclear", ""))) if reason else \
                rng.choice(("unclear", "missing", ""))
            add("feedback", rng.choices(("en", "es"), weights=(85, 15))[0], slug, article=slug,
                vote="no" if no else "yes", reason=why if no else "")
    for locale, shown, sent_share in (("en", 90, 0.34), ("es", 24, 0.5)):
        for _ in range(shown):
            suggested = ",".join(rng.sample(sorted(set(answered)), 2))
            add("contact_suggested", locale, "contact", articles=suggested)
            if rng.random() < sent_share:
                add("contact_sent", locale, "contact", articles=suggested)
    events.sort(key=lambda e: e[0])
    return [{**e, "ts": t.strftime("%Y-%m-%dT%H:%M:%SZ")} for t, e in events]


def write_events(events: Sequence[dict[str, object]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")


def write(rows: Sequence[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r.fields)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-o", "--out", type=Path, default=Path(__file__).with_name("tickets.csv"))
    parser.add_argument("--events", type=Path, default=Path(__file__).with_name("events.jsonl"),
                        help="where to write the site's analytics events (custom endpoint JSON lines)")
    args = parser.parse_args(argv)
    rows = generate()
    write(rows, args.out)
    print(f"wrote {len(rows)} tickets to {args.out}")
    events = make_events(rows)
    write_events(events, args.events)
    print(f"wrote {len(events)} site events to {args.events}")


if __name__ == "__main__":
    main()
