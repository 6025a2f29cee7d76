/** Word lists for realistic MSP customers: names, legal suffixes, places, people. */

export const NAME_PREFIXES = [
  'Northwind', 'Contoso', 'Fabrikam', 'Blue Ridge', 'Summit', 'Cedar Grove', 'Riverbend', 'Oakwood', 'Pinnacle',
  'Harbor', 'Silver Lake', 'Ironwood', 'Maple Street', 'Evergreen', 'Red Rock', 'Lakeside', 'Granite', 'Sunrise',
  'Westfield', 'Brightline', 'Copperleaf', 'Highland', 'Bayview', 'Stonebridge', 'Clearwater', 'Golden Gate',
  'Meadowbrook', 'Falcon', 'Keystone', 'Lighthouse', 'Prairie', 'Redwood', 'Sterling', 'Trailhead', 'Union Square',
  'Vantage', 'Willow Creek', 'Aspen', 'Beacon', 'Canyon', 'Driftwood', 'Elm Park', 'Foxhall', 'Glacier', 'Hawthorne',
  'Juniper', 'Kingsley', 'Liberty', 'Magnolia', 'Nordic', 'Orchard', 'Parkside', 'Quarry', 'Rosewood', 'Sagebrush',
  'Tidewater', 'Upland', 'Valley', 'Whitestone', 'Yellowstone', 'Zenith', 'Alder', 'Birchwood', 'Crestview',
] as const;

export const INDUSTRIES = [
  'Dental', 'Law Group', 'Accounting', 'Logistics', 'Veterinary Clinic', 'Construction', 'Realty', 'Engineering',
  'Marketing', 'Medical Partners', 'Consulting', 'Manufacturing', 'Insurance Agency', 'Auto Repair', 'Bakery',
  'Architects', 'Family Practice', 'Orthodontics', 'Wealth Management', 'Plumbing', 'Electric', 'Landscaping',
  'Physical Therapy', 'Title Company', 'Credit Union', 'Brewing', 'Printing', 'Hotels', 'Pharmacy', 'Academy',
] as const;

export interface CountryInfo {
  country: string;
  suffixes: readonly string[];
  tlds: readonly string[];
  currency: string;
  places: ReadonlyArray<readonly [city: string, state: string, postal: string]>;
  phone: (n: number) => string;
}

export const COUNTRIES: ReadonlyArray<readonly [CountryInfo, number]> = [
  [
    {
      country: 'US',
      suffixes: ['LLC', 'Inc.', 'Corp.', 'Co.', 'LLP', 'PC'],
      tlds: ['com', 'net', 'us'],
      currency: 'USD',
      places: [
        ['Denver', 'CO', '80210'], ['Austin', 'TX', '78701'], ['Seattle', 'Washington', '98101'],
        ['Phoenix', 'AZ', '85004'], ['Columbus', 'OH', '43215'], ['Raleigh', 'North Carolina', '27601'],
        ['Boise', 'ID', '83702'], ['Omaha', 'NE', '68102'], ['Tampa', 'FL', '33602'], ['Madison', 'WI', '53703'],
      ],
      phone: (n) => `${200 + (n % 700)}-555-${String(100 + (n % 9000)).padStart(4, '0')}`,
    },
    70,
  ],
  [
    {
      country: 'GB',
      suffixes: ['Ltd', 'Limited', 'PLC', 'LLP'],
      tlds: ['co.uk', 'uk', 'com'],
      currency: 'GBP',
      places: [
        ['London', 'Greater London', 'EC1A 1BB'], ['Manchester', 'Greater Manchester', 'M1 1AE'],
        ['Leeds', 'West Yorkshire', 'LS1 4DY'], ['Bristol', 'Bristol', 'BS1 4DJ'],
      ],
      phone: (n) => `+44 20 7946 ${String(n % 10000).padStart(4, '0')}`,
    },
    10,
  ],
  [
    {
      country: 'DE',
      suffixes: ['GmbH', 'AG', 'GmbH & Co. KG'],
      tlds: ['de', 'com'],
      currency: 'EUR',
      places: [
        ['Berlin', 'BE', '10115'], ['München', 'Bayern', '80331'], ['Hamburg', 'HH', '20095'], ['Köln', 'NW', '50667'],
      ],
      phone: (n) => `+49 30 ${String(1000000 + (n % 8999999))}`,
    },
    6,
  ],
  [
    {
      country: 'AU',
      suffixes: ['Pty Ltd', 'Pty. Ltd.'],
      tlds: ['com.au'],
      currency: 'USD',
      places: [['Sydney', 'NSW', '2000'], ['Melbourne', 'VIC', '3000'], ['Brisbane', 'QLD', '4000']],
      phone: (n) => `+61 2 9${String(n % 10000000).padStart(7, '0')}`,
    },
    7,
  ],
  [
    {
      country: 'CA',
      suffixes: ['Inc.', 'Ltd.', 'Corp.'],
      tlds: ['ca', 'com'],
      currency: 'USD',
      places: [['Toronto', 'ON', 'M5H 2N2'], ['Vancouver', 'British Columbia', 'V6B 1A1'], ['Calgary', 'AB', 'T2P 1J9']],
      phone: (n) => `${400 + (n % 500)}-555-${String(n % 10000).padStart(4, '0')}`,
    },
    7,
  ],
];

export const STREETS = ['Elm St', 'Main Street', 'Oak Ave', 'Market St', 'High Street', 'Church Rd', 'Park Lane',
  'Industrial Way', 'Commerce Dr', 'Harbour Rd', 'Station Road', 'Bahnhofstraße', 'King St W', 'George St'] as const;

export const FIRST_NAMES = ['Alex', 'Jordan', 'Sam', 'Taylor', 'Morgan', 'Casey', 'Jamie', 'Priya', 'Wei', 'Lukas',
  'Sofia', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Aisha', 'Hannah', 'Oliver', 'Chloe', 'Ethan', 'Mia'] as const;
export const LAST_NAMES = ['Smith', 'Johnson', 'Nguyen', 'Garcia', 'Müller', 'Brown', 'Patel', 'Williams', 'Kim',
  'Schmidt', "O'Brien", 'Jones', 'Martin', 'Lee', 'Walker', 'Clarke', 'Schneider', 'Rossi', 'Cohen', 'Tanaka'] as const;

/** 'Northwind Dental' -> 'northwinddental' (the domain stem). */
export function slug(base: string): string {
  return base
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}
