//! The small fixed lists the generator draws from: service areas with their categories ("issue
//! nature") and handlers, as the seed councils report them; and fake people, streets, towns and
//! phrases. Every name here is invented; postcodes use the unallocated area "ZZ", phone numbers
//! Ofcom's ranges reserved for drama (01632 960xxx, 07700 900xxx), e-mail the reserved
//! example domains, so nothing can reach or identify a real person.

use putright_domain::vocabulary::{Channel, RefusalReason, Tenure};

/// Which residents a service area mostly hears from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Profile {
    /// Landlord services: mostly tenants.
    Residents,
    /// Allocations and homelessness: mostly applicants.
    Applicants,
    /// Leasehold: leaseholders and shared owners.
    Owners,
    /// Private sector housing: people who are not the council's residents.
    Private,
}

#[derive(Debug)]
pub(super) struct Area {
    pub(super) name: &'static str,
    /// Complaints about this area go to the Local Government and Social Care Ombudsman.
    pub(super) lgsco: bool,
    pub(super) profile: Profile,
    /// Relative share of each kind of contact, in `ContactKind::ALL` order: complaint, service
    /// request, councillor enquiry, MP enquiry, compliment, comment. From the seed reports:
    /// repairs lead complaints and compliments, allocations and homelessness lead MP enquiries.
    pub(super) weights: [u32; 6],
    pub(super) categories: &'static [(&'static str, u32)],
    /// Investigating managers who answer stage 1 complaints for this area.
    pub(super) managers: &'static [&'static str],
}

pub(super) const REPAIRS: usize = 0;
pub(super) const DAMP: &str = "Damp and mould";

pub(super) const AREAS: &[Area] = &[
    Area {
        name: "Repairs",
        lgsco: false,
        profile: Profile::Residents,
        weights: [44, 40, 26, 14, 45, 25],
        categories: &[
            ("Day to day repairs", 34),
            (DAMP, 18),
            ("Heating", 10),
            ("Gas servicing", 4),
            ("Roofs and gutters", 6),
            ("Fencing and gates", 7),
            ("Doors and windows", 7),
            ("Leaks and plumbing", 7),
            ("Electrical", 3),
            ("Missed appointment", 4),
        ],
        managers: &["d.okoro", "s.patel", "m.hughes", "j.smith"],
    },
    Area {
        name: "Tenancy and estates",
        lgsco: false,
        profile: Profile::Residents,
        weights: [14, 25, 24, 10, 12, 22],
        categories: &[
            ("Anti-social behaviour", 28),
            ("Estate management", 20),
            ("Neighbour disputes", 14),
            ("Grounds maintenance", 10),
            ("Communal cleaning", 8),
            ("Parking", 8),
            ("Waste and bulky items", 6),
            ("Tenancy management", 6),
        ],
        managers: &["l.wright", "a.begum", "k.murphy"],
    },
    Area {
        name: "Allocations",
        lgsco: true,
        profile: Profile::Applicants,
        weights: [8, 6, 20, 40, 6, 8],
        categories: &[
            ("Housing register", 35),
            ("Banding decision", 20),
            ("Bidding and offers", 20),
            ("Mutual exchange", 12),
            ("Transfer application", 13),
        ],
        managers: &["r.singh", "h.clarke"],
    },
    Area {
        name: "Homelessness",
        lgsco: true,
        profile: Profile::Applicants,
        weights: [4, 3, 8, 22, 3, 3],
        categories: &[
            ("Temporary accommodation", 40),
            ("Homelessness decision", 30),
            ("Housing advice", 20),
            ("Rough sleeping", 10),
        ],
        managers: &["n.ahmed", "p.evans"],
    },
    Area {
        name: "Rents and income",
        lgsco: false,
        profile: Profile::Residents,
        weights: [5, 8, 4, 3, 6, 8],
        categories: &[
            ("Rent account", 35),
            ("Rent arrears action", 30),
            ("Service charges", 20),
            ("Benefits and universal credit", 15),
        ],
        managers: &["c.roberts", "j.nowak"],
    },
    Area {
        name: "Leasehold",
        lgsco: false,
        profile: Profile::Owners,
        weights: [4, 4, 2, 1, 2, 5],
        categories: &[
            ("Service charges", 45),
            ("Major works charges", 25),
            ("Lease enquiries", 20),
            ("Right to buy", 10),
        ],
        managers: &["e.fraser"],
    },
    Area {
        name: "Major works",
        lgsco: false,
        profile: Profile::Residents,
        weights: [6, 4, 6, 3, 5, 8],
        categories: &[
            ("Kitchen and bathroom replacement", 30),
            ("Windows and doors programme", 15),
            ("Roofing programme", 15),
            ("Fire safety works", 15),
            ("Communication about works", 25),
        ],
        managers: &["t.harris", "b.adeyemi"],
    },
    Area {
        name: "Customer service",
        lgsco: false,
        profile: Profile::Residents,
        weights: [9, 4, 4, 3, 14, 15],
        categories: &[
            ("Communication", 35),
            ("Staff conduct", 25),
            ("Contact centre", 20),
            ("Complaint handling", 10),
            ("Records and data", 10),
        ],
        managers: &["g.kelly", "f.shah"],
    },
    Area {
        name: "Lettings and voids",
        lgsco: false,
        profile: Profile::Residents,
        weights: [3, 3, 3, 2, 3, 3],
        categories: &[
            ("Condition at letting", 60),
            ("Void turnaround", 25),
            ("New home issues", 15),
        ],
        managers: &["w.thompson"],
    },
    Area {
        name: "Adaptations",
        lgsco: false,
        profile: Profile::Residents,
        weights: [2, 2, 2, 1, 3, 1],
        categories: &[
            ("Adaptation delays", 60),
            ("Occupational therapy referral", 40),
        ],
        managers: &["i.lewis"],
    },
    Area {
        name: "Private sector housing",
        lgsco: true,
        profile: Profile::Private,
        weights: [2, 2, 2, 1, 1, 2],
        categories: &[
            ("Disrepair enforcement", 45),
            ("HMO licensing", 25),
            ("Empty homes", 15),
            ("Disabled facilities grant", 15),
        ],
        managers: &["o.brennan"],
    },
];

/// Senior officers who review stage 2 complaints; none of them handles stage 1 (Code 6.13).
pub(super) const SENIOR_OFFICERS: &[&str] = &[
    "r.campbell",
    "s.oduya",
    "h.whitfield",
    "k.maddox",
    "j.armitage",
];

/// The kind mix asked for, in `ContactKind::ALL` order.
pub(super) const KIND_WEIGHTS: [u32; 6] = [25, 35, 15, 5, 12, 8];

pub(super) const RESIDENT_CHANNELS: &[(Channel, u32)] = &[
    (Channel::Phone, 30),
    (Channel::Email, 25),
    (Channel::Web, 25),
    (Channel::Letter, 4),
    (Channel::InPerson, 5),
    (Channel::SocialMedia, 2),
    (Channel::Representative, 5),
    (Channel::Contractor, 2),
    (Channel::Other, 2),
];

/// Councillors and MPs write in, almost always by e-mail.
pub(super) const MEMBER_CHANNELS: &[(Channel, u32)] = &[
    (Channel::Email, 78),
    (Channel::Letter, 10),
    (Channel::Phone, 8),
    (Channel::InPerson, 4),
];

pub(super) const RESIDENT_TENURES: &[(Tenure, u32)] = &[
    (Tenure::Tenant, 85),
    (Tenure::Leaseholder, 6),
    (Tenure::SharedOwner, 5),
    (Tenure::Applicant, 1),
    (Tenure::Other, 3),
];
pub(super) const APPLICANT_TENURES: &[(Tenure, u32)] = &[
    (Tenure::Applicant, 78),
    (Tenure::Tenant, 18),
    (Tenure::Other, 4),
];
pub(super) const OWNER_TENURES: &[(Tenure, u32)] =
    &[(Tenure::Leaseholder, 82), (Tenure::SharedOwner, 18)];
pub(super) const PRIVATE_TENURES: &[(Tenure, u32)] = &[(Tenure::Other, 100)];

/// Why complaints are not accepted; the seed councils mostly turn first-time requests into
/// service requests, then duplicates and complaints already in the process.
pub(super) const REFUSALS: &[(RefusalReason, u32)] = &[
    (RefusalReason::ServiceRequest, 55),
    (RefusalReason::Duplicate, 12),
    (RefusalReason::PreviouslyConsidered, 10),
    (RefusalReason::Over12Months, 8),
    (RefusalReason::Anonymous, 5),
    (RefusalReason::PolicyDecision, 5),
    (RefusalReason::LegalProceedings, 2),
    (RefusalReason::OutOfRemit, 2),
    (RefusalReason::Other, 1),
];

/// Why an escalation to stage 2 is refused.
pub(super) const ESCALATION_REFUSALS: &[(RefusalReason, u32)] = &[
    (RefusalReason::Other, 35),
    (RefusalReason::PolicyDecision, 25),
    (RefusalReason::LegalProceedings, 15),
    (RefusalReason::Over12Months, 10),
    (RefusalReason::OutOfRemit, 10),
    (RefusalReason::Duplicate, 5),
];

pub(super) const EXTENSION_REASONS: &[&str] = &[
    "Awaiting contractor report",
    "Specialist survey needed",
    "Several teams involved",
    "Resident asked for a later meeting",
    "Waiting for information from the resident",
    "Investigating officer absent",
];

/// Reasons recorded when an extension goes past the Code's limit on purpose.
pub(super) const GOOD_REASONS: &[&str] = &[
    "Independent damp survey booked, earliest date",
    "Legal advice needed before responding",
    "Resident in hospital, asked us to wait",
    "Structural engineer's report awaited",
];

/// Compensation offers in pence, weighted toward the small sums most cases see.
pub(super) const COMPENSATION: &[(u32, u32)] = &[
    (2_500, 10),
    (5_000, 16),
    (7_500, 8),
    (10_000, 16),
    (15_000, 10),
    (20_000, 9),
    (25_000, 8),
    (30_000, 5),
    (40_000, 4),
    (50_000, 4),
    (75_000, 3),
    (100_000, 2),
    (150_000, 1),
    (13_750, 2),
    (32_540, 2),
];

pub(super) const VULNERABILITIES: &[&str] = &[
    "Mobility impairment",
    "Mental health condition",
    "Older person living alone",
    "Hearing impairment",
    "Sight impairment",
    "Long-term illness",
    "Learning disability",
    "Pregnancy",
];

pub(super) const ADJUSTMENTS: &[&str] = &[
    "Large print letters",
    "Phone contact only",
    "E-mail contact only",
    "Interpreter (Polish)",
    "Interpreter (Urdu)",
    "Contact through an advocate",
    "Easy read format",
    "BSL interpreter",
    "Home visit instead of office",
];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Amelia",
    "Olivia",
    "Isla",
    "Ava",
    "Mia",
    "Grace",
    "Sophie",
    "Chloe",
    "Zara",
    "Aisha",
    "Fatima",
    "Priya",
    "Hannah",
    "Emily",
    "Jessica",
    "Lucy",
    "Megan",
    "Charlotte",
    "Ruth",
    "Joan",
    "Oliver",
    "George",
    "Harry",
    "Jack",
    "Noah",
    "Leo",
    "Mohammed",
    "Ali",
    "Arjun",
    "Daniel",
    "James",
    "Thomas",
    "William",
    "Samuel",
    "Connor",
    "Liam",
    "Kwame",
    "Tomasz",
    "Piotr",
    "David",
    "Michael",
    "Peter",
    "Brian",
    "Alan",
];

pub(super) const SURNAMES: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Patel", "Khan", "Ahmed", "Hussain", "Begum", "Ali", "Singh", "Kaur",
    "Nowak", "Kowalski", "Okafor", "Mensah", "O'Brien", "Murphy", "Kelly", "Hughes", "Edwards",
    "Lewis", "Hill", "Cooper",
];

pub(super) const EMAIL_DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];

pub(super) const STREETS: &[&str] = &[
    "Acacia Road",
    "Beech Grove",
    "Cedar Close",
    "Dovecote Lane",
    "Elm Street",
    "Fernhill Way",
    "Gorse Avenue",
    "Hawthorn Drive",
    "Ivy Court",
    "Juniper Walk",
    "Kestrel Road",
    "Laurel Crescent",
    "Maple House",
    "Nightingale Road",
    "Oakfield Avenue",
    "Poplar Row",
    "Quarry Lane",
    "Rowan Gardens",
    "Sycamore Street",
    "Thistle Close",
    "Union Terrace",
    "Victoria Parade",
    "Willow Tower",
    "Yew Tree Road",
    "Abbey Fields",
    "Brook Street",
    "Canal Side",
    "Dale View",
    "Eastgate",
    "Foundry Lane",
    "Granary Court",
    "Harbour Road",
    "Kingfisher House",
    "Linnet Way",
    "Mill Race",
    "Northgate",
    "Orchard Rise",
    "Priory Walk",
    "Riverside Tower",
    "Station Approach",
];

pub(super) const TOWNS: &[&str] = &[
    "Northbridge",
    "Easton Vale",
    "Millford",
    "Ashcombe",
    "Kingsmead",
];

/// Letters used in the inward half of a UK postcode (C, I, K, M, O and V are never used).
pub(super) const POSTCODE_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

pub(super) const COMPLAINT_PHRASES: &[&str] = &[
    "no action since it was first reported",
    "repeated missed appointments, no call back",
    "work not finished to a good standard",
    "long delay and no updates",
    "unhappy with how staff handled the call",
    "decision not explained properly",
    "contractor left the job unfinished",
    "problem keeps coming back after repairs",
    "charged incorrectly and not put right",
    "promised call back never came",
    "told \"it is on the list\" for months",
];

pub(super) const REQUEST_PHRASES: &[&str] = &[
    "first report, please arrange a visit",
    "asking for an appointment",
    "request for an inspection",
    "asking what happens next",
    "please call back to discuss",
    "request for information",
];

pub(super) const MEMBER_PHRASES: &[&str] = &[
    "when will the work be done?",
    "please review the case",
    "the resident has had no reply",
    "please arrange a site visit",
    "query about the banding decision",
    "concerns about the condition of the home",
];

pub(super) const COMPLIMENT_PHRASES: &[&str] = &[
    "a quick and tidy repair",
    "being so helpful on the phone",
    "keeping me updated throughout",
    "sorting the problem, at last",
    "a friendly and patient visit",
    "going the extra mile",
];

pub(super) const COMMENT_PHRASES: &[&str] = &[
    "text reminders before appointments would help",
    "more bins are needed on the estate",
    "longer opening hours at the office, please",
    "letters could be clearer",
    "a \"you said, we did\" page on the website",
    "the online form times out",
];

pub(super) const TITLES: &[&str] = &["Ms", "Mr", "Mrs", "Dr"];
