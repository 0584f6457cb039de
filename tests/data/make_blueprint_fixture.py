"""Build the service-blueprint example map: a bank branch visit (test tooling).

A complete blueprint for other engineers' tests: two personas linked to touchpoints, every
stage with its frontstage, backstage, support and physical-evidence lanes, pain points linked
to touchpoints, imported evidence, rated and voted opportunities.

    .venv/bin/python tests/data/make_blueprint_fixture.py  # writes the fixture below
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from assistant.model import (
    Blueprint,
    Emotion,
    Evidence,
    IdMaker,
    JourneyMap,
    Opportunity,
    PainPoint,
    Participant,
    Persona,
    Provenance,
    Scope,
    Stage,
    TextItem,
    Touchpoint,
    Workshop,
)
from assistant.store import dump_map

TARGET = Path(__file__).parent / "fixtures" / "blueprint-branch-visit.en.json"

PERSONAS = [
    {
        "key": "amara",
        "name": "Amara Diallo",
        "archetype": "convenience_lover",
        "description": "34, nurse on rotating shifts, opening a joint account with her partner",
        "goals": ["Open the joint account in one visit", "Get cards before the move"],
        "needs": ["Appointments outside office hours", "Know which documents to bring"],
        "pains": ["Taking half a day off for the bank"],
        "quote": "I can't come back twice; my shifts change every week.",
    },
    {
        "key": "gerard",
        "name": "Gérard Martin",
        "archetype": "brand_loyalist",
        "description": "68, client for 40 years, prefers a person to an app",
        "goals": ["Talk to someone who knows his file"],
        "needs": ["A seat while waiting", "Paper copies of what he signs"],
        "pains": ["Advisers change every year"],
        "quote": "I have banked here since 1985 and they still ask for my ID twice.",
    },
]

# Each stage: actions, touchpoints (name, channel, score, word, persona keys, evidence),
# pain points (text, severity, touchpoint indexes) and the four blueprint lanes.
STAGES: list[dict[str, Any]] = [
    {
        "name": "Book an appointment",
        "goal": "Get a slot that fits her shifts",
        "actions": ["Looks for the branch's opening hours", "Books a slot online"],
        "touchpoints": [
            (
                "Online booking page",
                "web",
                -1,
                "annoyed",
                ["amara"],
                [
                    ("Only weekday slots before 5 pm?", "App Store review", "CSAT", 2.0),
                ],
            ),
            ("Branch phone line", "phone", -2, "ignored", ["gerard"], []),
        ],
        "pain_points": [
            ("No appointment after 5 pm or on Saturdays", 3, [0]),
            ("The branch phone rings through to a national call centre", 2, [1]),
        ],
        "frontstage": ["Call-centre agent takes the booking"],
        "backstage": ["Branch manager publishes adviser availability each Monday"],
        "support": ["Booking system (Calendly-like SaaS)", "Call-centre CRM"],
        "physical": ["Confirmation e-mail with the document checklist"],
    },
    {
        "name": "Arrive at the branch",
        "goal": "Be seen on time",
        "actions": ["Checks in at the reception desk", "Waits in the lobby"],
        "touchpoints": [
            ("Reception desk", "branch_store", 0, "neutral", ["amara", "gerard"], []),
            (
                "Waiting area",
                "branch_store",
                -1,
                "impatient",
                ["amara", "gerard"],
                [
                    (
                        "Waited 25 minutes past my slot, no one said why.",
                        "Branch survey",
                        "CSAT",
                        2.0,
                    ),
                ],
            ),
        ],
        "pain_points": [("Advisers run late and nobody tells the waiting client", 2, [1])],
        "frontstage": ["Receptionist greets the client and checks the appointment"],
        "backstage": ["Receptionist messages the adviser on the internal chat"],
        "support": ["Queue-management screen", "Internal chat"],
        "physical": ["Ticket with a queue number", "Lobby screens showing rates"],
    },
    {
        "name": "Meet the adviser",
        "goal": "Open the account without surprises",
        "actions": ["Hands over ID and proof of address", "Chooses a card and an overdraft"],
        "touchpoints": [
            (
                "Adviser meeting",
                "in_person",
                1,
                "reassured",
                ["amara", "gerard"],
                [
                    (
                        "She explained every fee; I finally understood the card options.",
                        "Branch survey",
                        "CSAT",
                        5.0,
                    ),
                ],
            ),
            ("Document scan", "in_person", -1, "frustrated", ["gerard"], []),
        ],
        "pain_points": [("ID scanned again although the bank already has it", 1, [1])],
        "frontstage": ["Adviser explains account types and fees", "Adviser scans documents"],
        "backstage": ["Compliance checks identity (KYC) in the back office"],
        "support": ["Core banking system", "KYC document scanner"],
        "physical": ["Printed fee schedule", "Adviser's business card"],
    },
    {
        "name": "Sign the contract",
        "goal": "Leave with everything signed",
        "actions": ["Reads the contract summary", "Signs on the tablet"],
        "touchpoints": [
            ("Signature tablet", "in_person", 0, "unsure", ["amara", "gerard"], []),
            ("Contract e-mail", "email", 1, "relieved", ["amara"], []),
        ],
        "pain_points": [("No paper copy offered after signing on the tablet", 2, [0])],
        "frontstage": ["Adviser walks through the contract summary"],
        "backstage": ["E-signature platform archives the contract"],
        "support": ["E-signature platform", "Document archive"],
        "physical": ["Signature tablet", "Contract PDF by e-mail"],
    },
    {
        "name": "Receive the card",
        "goal": "Use the new account straight away",
        "actions": ["Waits for the card by post", "Activates the card in the app"],
        "touchpoints": [
            (
                "Card letter",
                "other",
                -1,
                "impatient",
                ["amara", "gerard"],
                [
                    ("Ten days for a card, in 2026?", "Support ticket", "CSAT", 1.0),
                ],
            ),
            ("Mobile app activation", "mobile_app", 2, "delighted", ["amara"], []),
        ],
        "pain_points": [("The card takes up to ten working days to arrive", 3, [0])],
        "frontstage": ["Welcome call from the adviser after a week"],
        "backstage": ["Card ordered from the card manufacturer", "PIN sent separately"],
        "support": ["Card-issuing partner", "Postal service"],
        "physical": ["Card letter", "PIN letter", "Welcome pack"],
    },
]

OPPORTUNITIES = [
    # text, pain point indexes (stage, pain), impact, effort, votes, owner
    (
        "Evening and Saturday-morning slots, booked online",
        [(0, 0)],
        5,
        3,
        {"Lea": 3, "Marc": 2},
        "Branch network",
    ),
    (
        "SMS to the waiting client when the adviser runs late",
        [(1, 0)],
        3,
        1,
        {"Lea": 1, "Nadia": 2},
        "Branch operations",
    ),
    (
        "Route the branch number to the branch during opening hours",
        [(0, 1)],
        4,
        2,
        {"Marc": 1},
        None,
    ),
    ("Reuse the KYC documents already on file", [(2, 0)], 3, 4, {"Nadia": 1}, "Compliance"),
    (
        "Virtual card in the app the day the account opens",
        [(4, 0)],
        5,
        4,
        {"Lea": 2, "Marc": 3, "Nadia": 3},
        "Cards",
    ),
    ("Offer a printed copy of the signed contract", [(3, 0)], 2, 1, {}, None),
]


def build() -> JourneyMap:
    journey = JourneyMap(
        id="bank-branch-visit-blueprint",
        title="Opening a joint account at the branch",
        language="en",
        map_type="blueprint",
        created=dt.date(2026, 3, 12),
        scope=Scope(
            business_goal="Open more accounts in branch without longer queues",
            scenario="A couple opens a joint account during a branch appointment",
            product="Joint current account",
        ),
    )
    ids = IdMaker(journey)
    journey.workshop = Workshop(
        mode="facilitated",
        facilitator="Sophie Laurent",
        participants=[
            Participant(id=ids.new("participant"), name=name, role=role)
            for name, role in (
                ("Lea Moreau", "Branch manager"),
                ("Marc Petit", "Product owner, accounts"),
                ("Nadia Benali", "Compliance analyst"),
            )
        ],
        dates=[dt.date(2026, 3, 12)],
    )
    participant = {p.name.split()[0]: p.id for p in journey.workshop.participants}
    persona_ids: dict[str, str] = {}
    for p in PERSONAS:
        persona = Persona(id=ids.new("persona"), **{k: v for k, v in p.items() if k != "key"})
        journey.personas.append(persona)
        persona_ids[p["key"]] = persona.id
    journey = JourneyMap.model_validate(journey.model_dump())
    ids = IdMaker(journey)
    pain_ids: dict[tuple[int, int], str] = {}
    for si, s in enumerate(STAGES):
        stage = Stage(id=ids.new("stage"), name=s["name"], customer_goal=s["goal"])
        journey.stages.append(stage)
        stage = journey.stages[-1]
        stage.actions = [TextItem(id=ids.new("action"), text=a) for a in s["actions"]]
        touchpoints = []
        for name, channel, score, word, who, evidence in s["touchpoints"]:
            tp = Touchpoint(
                id=ids.new("touchpoint"),
                name=name,
                channel=channel,
                persona_ids=[persona_ids[k] for k in who],
                emotion=Emotion(score=score, word=word),
            )
            tp.evidence = [
                Evidence(
                    id=ids.new("evidence"),
                    quote=quote,
                    source=source,
                    metric=metric,
                    score=value,
                    date=dt.date(2026, 2, 20),
                    provenance=Provenance(how="imported"),
                )
                for quote, source, metric, value in evidence
            ]
            touchpoints.append(tp)
        stage.touchpoints = touchpoints
        pains = []
        for pi, (text, severity, tp_indexes) in enumerate(s["pain_points"]):
            pain = PainPoint(
                id=ids.new("pain_point"),
                text=text,
                severity=severity,
                touchpoint_ids=[touchpoints[i].id for i in tp_indexes],
            )
            pains.append(pain)
            pain_ids[(si, pi)] = pain.id
        stage.pain_points = pains
        stage.blueprint = Blueprint(
            frontstage=[TextItem(id=ids.new("blueprint"), text=t) for t in s["frontstage"]],
            backstage=[TextItem(id=ids.new("blueprint"), text=t) for t in s["backstage"]],
            support=[TextItem(id=ids.new("blueprint"), text=t) for t in s["support"]],
            physical_evidence=[TextItem(id=ids.new("blueprint"), text=t) for t in s["physical"]],
        )
    for text, pains_, impact, effort, votes, owner in OPPORTUNITIES:
        journey.opportunities.append(
            Opportunity(
                id=ids.new("opportunity"),
                text=text,
                pain_point_ids=[pain_ids[key] for key in pains_],
                impact=impact,
                effort=effort,
                owner=owner,
                votes={participant[name]: n for name, n in votes.items()},
                provenance=Provenance(by=participant["Lea"]),
            )
        )
    journey.parking_lot.append(
        TextItem(id=ids.new("idea"), text="Video appointments for the second visit?")
    )
    return JourneyMap.model_validate(journey.model_dump())


def main() -> int:
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(dump_map(build()), encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
