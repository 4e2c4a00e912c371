/**
 * Demo content for `npm start`: the people, listings, reviews and notes the seeder publishes through the public
 * interfaces. Plain data only. Images live in ./images (rendered from the SVG originals in ./art by
 * render-images.ts); catalogue.test.ts checks that everything here is consistent and within the protocol limits.
 *
 * All names, places, products and tracking numbers are invented.
 */

/** ETH; Demo Dollar (6 decimals, permit); Demo Gold (18 decimals). */
export type PaymentToken = "ETH" | "DUSD" | "DGLD";

/** Decimals of each payment token, for parsing the human prices below. */
export const TOKEN_DECIMALS: Readonly<Record<PaymentToken, number>> = { ETH: 18, DUSD: 6, DGLD: 18 };

export type Category =
  | "Electronics"
  | "Home & Garden"
  | "Fashion"
  | "Books & Media"
  | "Art & Collectibles"
  | "Sports & Outdoors"
  | "Toys & Games"
  | "Food & Drink"
  | "Services"
  | "Digital goods"
  | "Other";

export type Condition = "new" | "like-new" | "good" | "fair" | "for-parts";

export type DeliveryMethod = "shipping" | "pickup" | "digital" | "service";

export interface DemoListing {
  /** Matches the image file names. */
  slug: string;
  /** Index into DEMO_SELLERS. */
  seller: number;
  /** 3..120 characters, single line. */
  title: string;
  /** 1-3 short paragraphs of plain text, at most 1500 characters. */
  description: string;
  category: Category;
  condition?: Condition;
  delivery: { method: DeliveryMethod; regions?: string; notes?: string };
  /** 2-5 attributes. */
  attributes: Array<{ name: string; value: string }>;
  tags?: string[];
  /** `file` is a name in ./images; `alt` is read by screen readers. */
  images: Array<{ file: string; alt: string }>;
  /** Human decimal amount in `token`, e.g. "0.045" ETH, "38.50" DUSD, "120" DGLD. */
  price: string;
  token: PaymentToken;
  stock: number;
  fulfillmentDays: number;
  confirmationDays: number;
  arbiterFeeBps: number;
}

export const DEMO_SELLERS: Array<{ name: string; about: string }> = [
  {
    name: "Amara Okafor",
    about:
      "Potter with a small studio in a converted boathouse. I throw stoneware in short runs, grow plants from my own " +
      "cuttings and sell a few things made by friends. Everything is packed by hand in recycled paper, and I answer " +
      "messages in the evening.",
  },
  {
    name: "Lucas Ferreira",
    about:
      "I restore and resell well-made old things: film cameras, lamps, bikes and audio gear. Every item is cleaned, " +
      "tested and described honestly, flaws included. Workshop near the old market hall; pick-up and test rides welcome.",
  },
  {
    name: "Noor Haddad",
    about:
      "Freelance web designer and weekend guitar teacher. I build simple, fast websites for small shops and teach " +
      "beginners of every age. Now and then I pass on books and gear I no longer use.",
  },
];

export const DEMO_BUYERS: Array<{ name: string }> = [{ name: "Jonas Lindqvist" }, { name: "Aiko Mori" }];

export const DEMO_ARBITER: { name: string; about: string } = {
  name: "Grace Mwangi",
  about:
    "Independent arbiter for small marketplace disputes. I read both sides, ask for photos when they help, and " +
    "explain every ruling in plain words. Neutral, unhurried, and usually done within a few days.",
};

/*
 * The order matters to the seeder: the first two listings of each seller become completed, reviewed orders, and
 * the rest are used, in this order, for the other order states (waiting, shipped, disputed, settled, ruled,
 * declined). It is arranged so that each listing lands on a state that suits it.
 */
export const DEMO_LISTINGS: DemoListing[] = [
  {
    slug: "stoneware-mug",
    seller: 0,
    title: "Hand-thrown stoneware mug, celadon glaze",
    description:
      "A roomy everyday mug thrown on the wheel from speckled stoneware and dipped in a soft celadon glaze that " +
      "pools a shade darker in the throwing rings. The foot is left unglazed, so you can feel the clay under your " +
      "fingers.\n\n" +
      "Holds about 350 ml. Fired to 1280 °C, so it is food safe, dishwasher safe and fine in the microwave. Every " +
      "mug is made by hand: the glaze line and the exact size vary a little from the photos, which is part of the charm.",
    category: "Home & Garden",
    condition: "new",
    delivery: {
      method: "shipping",
      regions: "EU and UK",
      notes: "Double-boxed in recycled paper padding. Ships within three working days.",
    },
    attributes: [
      { name: "Capacity", value: "About 350 ml" },
      { name: "Material", value: "Speckled stoneware" },
      { name: "Glaze", value: "Celadon, lead-free" },
      { name: "Care", value: "Dishwasher and microwave safe" },
    ],
    tags: ["ceramics", "handmade", "mug", "kitchen"],
    images: [
      { file: "stoneware-mug.webp", alt: "Pale green stoneware mug with a wavy glaze line above a bare, speckled clay foot" },
      { file: "stoneware-mug-2.webp", alt: "The same celadon mug seen from above, filled with coffee, on a linen napkin" },
    ],
    price: "38.50",
    token: "DUSD",
    stock: 12,
    fulfillmentDays: 3,
    confirmationDays: 10,
    arbiterFeeBps: 150,
  },
  {
    slug: "monstera-plant",
    seller: 0,
    title: "Monstera plant in a terracotta pot, about 60 cm",
    description:
      "A healthy, well-rooted monstera about 60 cm tall, with five big split leaves and a sixth one unfurling. " +
      "Grown from a cutting of my own plant, in a chunky, free-draining mix, in a 19 cm terracotta pot with saucer.\n\n" +
      "It likes bright, indirect light and a drink when the top few centimetres of soil are dry. Pick-up from the " +
      "studio is best for the leaves; on weekends I can also drop it off within the city.",
    category: "Home & Garden",
    delivery: {
      method: "pickup",
      regions: "City centre and nearby",
      notes: "Weekend drop-off within the city on request.",
    },
    attributes: [
      { name: "Height", value: "About 60 cm including pot" },
      { name: "Pot", value: "19 cm terracotta with saucer" },
      { name: "Light", value: "Bright, indirect" },
      { name: "Pets", value: "Keep away from cats and dogs" },
    ],
    tags: ["houseplant", "monstera", "terracotta"],
    images: [{ file: "monstera-plant.webp", alt: "Monstera with five large split leaves in a terracotta pot and saucer" }],
    price: "45",
    token: "DGLD",
    stock: 3,
    fulfillmentDays: 5,
    confirmationDays: 5,
    arbiterFeeBps: 100,
  },
  {
    slug: "web-design-service",
    seller: 2,
    title: "Small business website design, up to five pages",
    description:
      "A clean, fast website for a small shop, studio or practice: up to five pages, a layout that works on phones, " +
      "a simple contact form and sensible search-engine basics. You get a design proposal first, two rounds of " +
      "changes, then the finished site.\n\n" +
      "After you order, we agree on the texts and photos by message. Delivery is a download link with the finished " +
      "static site and all design files, plus a short guide to putting it online. Hosting and domain are not included.",
    category: "Services",
    delivery: {
      method: "digital",
      regions: "Worldwide, in English or French",
      notes: "Delivered as a download link within 14 days of receiving your texts and photos.",
    },
    attributes: [
      { name: "Pages", value: "Up to 5" },
      { name: "Revisions", value: "Two rounds" },
      { name: "Deliverables", value: "Static site and design files" },
      { name: "Turnaround", value: "About two weeks" },
    ],
    tags: ["web design", "website", "small business", "freelance"],
    images: [
      { file: "web-design-service.webp", alt: "Laptop showing a website layout, with a colour palette card and a mouse cursor" },
    ],
    price: "450.00",
    token: "DUSD",
    stock: 3,
    fulfillmentDays: 14,
    confirmationDays: 21,
    arbiterFeeBps: 300,
  },
  {
    slug: "wireless-headphones",
    seller: 1,
    title: "Over-ear wireless headphones, graphite and copper",
    description:
      "Closed-back over-ear headphones with soft memory-foam cushions, a padded headband and up to 30 hours of " +
      "battery on a charge. They pair quickly with phones and laptops, and the wired input still works when the " +
      "battery is flat.\n\n" +
      "Used for a few weeks at a desk and always kept in their case; the ear pads are like new. Comes with the hard " +
      "case, the charging cable and a 3.5 mm audio cable. Tested and reset to factory settings.",
    category: "Electronics",
    condition: "like-new",
    delivery: { method: "shipping", regions: "Worldwide", notes: "Ships tracked, in the hard case inside a box." },
    attributes: [
      { name: "Battery", value: "Up to 30 hours" },
      { name: "Connection", value: "Wireless or 3.5 mm cable" },
      { name: "Weight", value: "250 g" },
      { name: "Colour", value: "Graphite with copper rings" },
    ],
    tags: ["audio", "headphones", "wireless"],
    images: [
      { file: "wireless-headphones.webp", alt: "Dark grey over-ear headphones with copper rings around the ear cups" },
    ],
    price: "0.032",
    token: "ETH",
    stock: 1,
    fulfillmentDays: 3,
    confirmationDays: 10,
    arbiterFeeBps: 150,
  },
  {
    slug: "city-bike",
    seller: 1,
    title: "Refurbished step-through city bike with basket",
    description:
      "A comfortable upright city bike with a step-through frame, swept-back handlebar, wicker front basket, rear " +
      "rack, full mudguards and a chain guard, so you can ride in everyday clothes.\n\n" +
      "Each frame was stripped, repainted and rebuilt with new tyres, brake pads and cables, and the three-speed hub " +
      "has been serviced. Two available: one in tomato red, one in mint green; tell me which you prefer. Pick-up " +
      "only, from my workshop, where you are welcome to take a test ride first.",
    category: "Sports & Outdoors",
    condition: "good",
    delivery: {
      method: "pickup",
      regions: "Local pick-up only",
      notes: "Test rides welcome. I will set the saddle and handlebar height for you on the day.",
    },
    attributes: [
      { name: "Frame", value: "50 cm step-through, steel" },
      { name: "Gears", value: "3-speed hub" },
      { name: "Wheels", value: "28 inch" },
      { name: "Colours", value: "Tomato red or mint green" },
    ],
    tags: ["bicycle", "city bike", "refurbished", "commuting"],
    images: [
      { file: "city-bike.webp", alt: "Tomato-red step-through city bike with a wicker basket, rear rack and cream mudguards" },
      { file: "city-bike-2.webp", alt: "The same city bike in mint green" },
    ],
    price: "0.12",
    token: "ETH",
    stock: 2,
    fulfillmentDays: 7,
    confirmationDays: 7,
    arbiterFeeBps: 250,
  },
  {
    slug: "guitar-lessons",
    seller: 2,
    title: "Beginner acoustic guitar lesson, 45 minutes",
    description:
      "Friendly one-to-one guitar lessons for complete beginners and returning players, teenagers and adults. We " +
      "start with a comfortable posture, first chords and simple strumming, and build up to songs you actually want " +
      "to play.\n\n" +
      "Each purchase is one 45-minute lesson, at my studio or by video call. After ordering, send me a few times " +
      "that suit you and I will confirm a slot. A loan guitar is available at the studio, and you get a practice " +
      "sheet after every lesson.",
    category: "Services",
    delivery: {
      method: "service",
      regions: "In person in the city, or online",
      notes: "Free rescheduling up to 24 hours before the lesson.",
    },
    attributes: [
      { name: "Length", value: "45 minutes" },
      { name: "Level", value: "Beginner to early intermediate" },
      { name: "Where", value: "Studio or video call" },
      { name: "Includes", value: "Practice sheet after each lesson" },
    ],
    tags: ["music", "guitar", "lessons", "beginners"],
    images: [{ file: "guitar-lessons.webp", alt: "Acoustic guitar surrounded by floating music notes" }],
    price: "35.00",
    token: "DUSD",
    stock: 20,
    fulfillmentDays: 14,
    confirmationDays: 7,
    arbiterFeeBps: 100,
  },
  {
    slug: "coffee-beans",
    seller: 0,
    title: "Specialty coffee beans, washed single origin, 250 g",
    description:
      "Whole beans from a single washed lot grown at high altitude, roasted in small batches by a friend's " +
      "roastery a few streets from my studio. Expect notes of red apple and milk chocolate, with a clean, sweet " +
      "finish.\n\n" +
      "Roasted on Mondays and shipped the same week, so the beans arrive rested and fresh. A medium-light roast " +
      "that works for filter and espresso alike. Resealable bag with a one-way valve.",
    category: "Food & Drink",
    condition: "new",
    delivery: { method: "shipping", regions: "EU", notes: "Roasted on Mondays, shipped by Wednesday." },
    attributes: [
      { name: "Weight", value: "250 g" },
      { name: "Roast", value: "Medium-light" },
      { name: "Process", value: "Washed" },
      { name: "Tasting notes", value: "Red apple, milk chocolate" },
    ],
    tags: ["coffee", "whole bean", "small batch"],
    images: [
      { file: "coffee-beans.webp", alt: "Kraft paper coffee bag with a green bean label, loose roasted beans in front" },
    ],
    price: "18.90",
    token: "DUSD",
    stock: 40,
    fulfillmentDays: 5,
    confirmationDays: 7,
    arbiterFeeBps: 100,
  },
  {
    slug: "field-notes-book",
    seller: 2,
    title: "Three cloth-bound hardcover novels",
    description:
      "Three cloth-bound hardcovers from a small-press reprint series: a seafaring adventure, a slow-burning family " +
      "saga and a collection of lighthouse-keeper stories. Each read once and kept on a shelf out of the sun.\n\n" +
      "The spines are straight, the gold stamping is bright and the ribbon markers are intact. A pencilled name " +
      "inside one front cover has been gently erased. Sold together as a set.",
    category: "Books & Media",
    condition: "good",
    delivery: { method: "shipping", regions: "EU", notes: "Wrapped in paper and shipped in a book box." },
    attributes: [
      { name: "Format", value: "Hardcover, cloth-bound" },
      { name: "Books", value: "3" },
      { name: "Language", value: "English" },
      { name: "Pages", value: "About 320 each" },
    ],
    tags: ["books", "novels", "hardcover"],
    images: [
      { file: "field-notes-book.webp", alt: "Stack of three cloth-bound hardcover books in green, red and blue, with reading glasses on top" },
    ],
    price: "22.5",
    token: "DGLD",
    stock: 1,
    fulfillmentDays: 5,
    confirmationDays: 10,
    arbiterFeeBps: 100,
  },
  {
    slug: "abstract-painting",
    seller: 0,
    title: "Original abstract painting, acrylic on canvas, framed",
    description:
      "An original acrylic painting on stretched cotton canvas: an ochre sun, a deep blue arch dotted by hand, a " +
      "block of blush pink and a single ink-black line crossing the whole piece. Warm, calm colours that sit well " +
      "in a living room or a study.\n\n" +
      "Painted by a friend from the studio next door and signed on the back. Set in a solid oak frame with the " +
      "hanging wire fitted, ready to hang. One of a kind.",
    category: "Art & Collectibles",
    condition: "new",
    delivery: {
      method: "shipping",
      regions: "EU",
      notes: "Corner-protected and crated. Collection from the studio is also possible.",
    },
    attributes: [
      { name: "Size", value: "40 × 50 cm, 44 × 54 cm framed" },
      { name: "Medium", value: "Acrylic on cotton canvas" },
      { name: "Frame", value: "Solid oak" },
      { name: "Signed", value: "Yes, on the reverse" },
    ],
    tags: ["art", "painting", "original", "abstract"],
    images: [
      { file: "abstract-painting.webp", alt: "Oak-framed abstract painting with an ochre circle, a dotted blue arch and a black line" },
    ],
    price: "0.25",
    token: "ETH",
    stock: 1,
    fulfillmentDays: 6,
    confirmationDays: 14,
    arbiterFeeBps: 300,
  },
  {
    slug: "film-camera",
    seller: 1,
    title: "Vintage 35 mm rangefinder film camera, tested",
    description:
      "A compact, all-mechanical rangefinder from the 1970s with a bright 40 mm f/1.7 lens, a clear viewfinder and " +
      "a quiet leaf shutter. It fires without a battery; only the built-in light meter needs a small cell, which I " +
      "include.\n\n" +
      "Cleaned, light seals replaced, shutter speeds checked, and a test roll shot to confirm that everything works. " +
      "The lens is clear, with no haze or fungus. The chrome shows honest light wear on the top plate.",
    category: "Electronics",
    condition: "good",
    delivery: { method: "shipping", regions: "Worldwide", notes: "Ships insured, with tracking." },
    attributes: [
      { name: "Format", value: "35 mm film" },
      { name: "Lens", value: "40 mm f/1.7" },
      { name: "Shutter", value: "Leaf shutter, 1/4 to 1/500 s" },
      { name: "Tested", value: "Test roll shot, light seals replaced" },
    ],
    tags: ["film", "camera", "vintage", "analogue"],
    images: [
      { file: "film-camera.webp", alt: "Silver and black vintage rangefinder camera with a large lens, seen from the front" },
    ],
    price: "0.085",
    token: "ETH",
    stock: 1,
    fulfillmentDays: 3,
    confirmationDays: 14,
    arbiterFeeBps: 200,
  },
  {
    slug: "brass-desk-lamp",
    seller: 1,
    title: "Brass banker's desk lamp with green glass shade",
    description:
      "A classic library desk lamp: solid brass base and stem, a curved green glass shade with a white lining, and " +
      "a pull-chain switch. It casts a warm, low pool of light, lovely for reading or late-night writing.\n\n" +
      "Rewired with a new braided cable and socket, then tested. The brass has an even honey patina with a few " +
      "light marks on the back of the base. Bulb not included; a warm LED of about 40 W equivalent suits it best.",
    category: "Home & Garden",
    condition: "good",
    delivery: { method: "shipping", regions: "Europe", notes: "The glass shade travels in its own foam-lined box." },
    attributes: [
      { name: "Height", value: "38 cm" },
      { name: "Shade", value: "Green cased glass, 26 cm wide" },
      { name: "Socket", value: "E27, rewired" },
      { name: "Switch", value: "Pull chain" },
    ],
    tags: ["lighting", "vintage", "brass", "desk"],
    images: [
      { file: "brass-desk-lamp.webp", alt: "Brass desk lamp with a green glass shade casting warm light onto a wooden desk" },
    ],
    price: "0.045",
    token: "ETH",
    stock: 1,
    fulfillmentDays: 4,
    confirmationDays: 14,
    arbiterFeeBps: 200,
  },
  {
    slug: "wool-scarf",
    seller: 0,
    title: "Hand-knitted wool scarf, burgundy with striped ends",
    description:
      "A long, warm scarf hand-knitted in soft merino, deep burgundy with cream and mustard stripes at each end and " +
      "a knotted fringe. The textured stitch looks just as good on both sides.\n\n" +
      "Knitted by my aunt, who knits through the winter; this is one of a small batch. About 180 cm long and 25 cm " +
      "wide. Hand wash cold and dry flat.",
    category: "Fashion",
    condition: "new",
    delivery: { method: "shipping", regions: "EU and UK" },
    attributes: [
      { name: "Length", value: "About 180 cm" },
      { name: "Width", value: "25 cm" },
      { name: "Fibre", value: "100% merino wool" },
      { name: "Care", value: "Hand wash cold, dry flat" },
    ],
    tags: ["knitwear", "scarf", "wool", "handmade"],
    images: [
      { file: "wool-scarf.webp", alt: "Burgundy knitted scarf with cream and mustard striped ends, draped over a wooden rail" },
    ],
    price: "64.00",
    token: "DUSD",
    stock: 4,
    fulfillmentDays: 4,
    confirmationDays: 10,
    arbiterFeeBps: 150,
  },
  {
    slug: "walnut-chess-set",
    seller: 1,
    title: "Walnut and maple chess set with weighted pieces",
    description:
      "A handsome 40 cm board with walnut and maple squares and a solid walnut border, with hand-turned boxwood " +
      "pieces, natural and ebonised, weighted and felted. The king stands 8 cm tall, just right for the 45 mm " +
      "squares.\n\n" +
      "Bought for a chess club that has since closed, and used for only a handful of games. Complete, with two " +
      "spare queens and a cloth-lined storage box.",
    category: "Toys & Games",
    condition: "like-new",
    delivery: { method: "shipping", regions: "EU and UK" },
    attributes: [
      { name: "Board", value: "40 × 40 cm, 45 mm squares" },
      { name: "Pieces", value: "Boxwood, weighted and felted" },
      { name: "King height", value: "8 cm" },
      { name: "Extras", value: "Two spare queens, storage box" },
    ],
    tags: ["chess", "board game", "wood"],
    images: [
      { file: "walnut-chess-set.webp", alt: "Wooden chess board with light and dark squares and a game of pieces in progress" },
    ],
    price: "160",
    token: "DGLD",
    stock: 1,
    fulfillmentDays: 4,
    confirmationDays: 10,
    arbiterFeeBps: 150,
  },
  {
    slug: "trail-sneakers",
    seller: 2,
    title: "Trail running shoes, EU 42, worn twice",
    description:
      "Lightweight trail shoes with a deep-lugged outsole that grips on mud, gravel and wet roots, a cushioned " +
      "midsole and a protective toe bumper. The mesh upper drains quickly after stream crossings.\n\n" +
      "Worn on two short runs before I realised I need half a size bigger. Cleaned, and the lugs show no wear. " +
      "Sent in the original box with a spare pair of laces.",
    category: "Sports & Outdoors",
    condition: "like-new",
    delivery: { method: "shipping", regions: "EU and UK" },
    attributes: [
      { name: "Size", value: "EU 42 / UK 8" },
      { name: "Drop", value: "6 mm" },
      { name: "Weight", value: "290 g per shoe" },
      { name: "Colour", value: "Orange and teal" },
    ],
    tags: ["running", "trail", "shoes"],
    images: [
      { file: "trail-sneakers.webp", alt: "Orange trail running shoe with teal accents and a dark lugged sole, side view" },
    ],
    price: "95",
    token: "DGLD",
    stock: 1,
    fulfillmentDays: 4,
    confirmationDays: 10,
    arbiterFeeBps: 150,
  },
];

/*
 * Buyers' reviews, in the order the seeder uses them (the completed orders come first: mug, plant, website,
 * headphones, bike, guitar lesson; then the camera settled after a dispute). The last one is spare.
 */
export const DEMO_REVIEWS: Array<{ score: 1 | 2 | 3 | 4 | 5; text: string }> = [
  {
    score: 5,
    text:
      "Beautiful mug, even nicer in person. The glaze has real depth where it pools in the rings, and it is the " +
      "perfect size for a big morning coffee. Packed as if it were going to the moon: not a single chip.",
  },
  {
    score: 5,
    text:
      "Healthy plant, bigger than I expected, and a new leaf opened the week after I brought it home. I got care " +
      "tips on a little handwritten card, and help carrying it to the car.",
  },
  {
    score: 5,
    text:
      "Clear process from start to finish: a first draft within a week, good questions about my customers, and " +
      "both rounds of changes handled quickly. The site loads fast on my phone and I can update the opening hours " +
      "myself. Would hire again.",
  },
  {
    score: 4,
    text:
      "Warm, detailed sound and the battery easily lasts a week of commuting. They really do look unused. One star " +
      "off because the case has a scuff that was not mentioned, but it is the case, not the headphones.",
  },
  {
    score: 5,
    text:
      "Rode it home the same afternoon. The seller set up the saddle and bars, explained the hub gears and pumped " +
      "the tyres. Smooth and quiet, and the basket takes a full bag of groceries. Lovely restoration work.",
  },
  {
    score: 5,
    text:
      "A patient, fun first lesson. We tuned up, learned three chords, and by the end I could strum a simple song " +
      "(slowly). The practice sheet afterwards really helps. I have booked the next four.",
  },
  {
    score: 3,
    text:
      "The camera itself works and my first roll came back sharp. The delivery was the problem: the box arrived " +
      "dented and the rewind knob was bent. We agreed on a partial refund and the seller was fair about it, but " +
      "better packing would have saved us both the trouble.",
  },
  {
    score: 1,
    text:
      "Not as described. The listing said like new, but there were clear signs of use and a strong smell of smoke, " +
      "and it shipped a week later than promised. Messages were answered, but only after several days.",
  },
];

/** Sellers' public replies to reviews. */
export const DEMO_REPLIES: string[] = [
  "Thank you for the lovely words! Every piece is packed by hand, so I am glad it arrived safely. Enjoy it, and say " +
    "hello if you are ever near the studio.",
  "Thanks for the kind review, it was a pleasure working together. If anything needs changing later on, just send " +
    "me a message.",
];

/** Evidence in a dispute about an item that arrived damaged. */
export const DEMO_EVIDENCE: { buyer: string; seller: string } = {
  buyer:
    "The parcel arrived with one corner crushed, and the item inside is damaged: there is a crack along one side " +
    "that is not in the listing or its photos. I have attached photos of the outer box, the packing and the damage, " +
    "taken as I opened it. I still have everything and can send it back if needed.",
  seller:
    "The item was checked and photographed just before packing, and it was undamaged (photos attached, with the " +
    "date). It was double-boxed with about 5 cm of padding on every side. The dent in the buyer's photos matches " +
    "rough handling in transit, and I have opened a claim with the carrier. I am happy to agree on a partial refund.",
};

/** Fulfilment notes: shipped with tracking, ready for pick-up, delivered digitally. */
export const DEMO_NOTES: string[] = [
  "Shipped today with a tracked parcel service, tracking number SK 4821 7730 19 (it usually shows up online by the " +
    "next morning). Double-boxed with paper padding; please keep the box until you have checked everything.",
  "Ready for pick-up at the workshop, Canal Yard unit 3, the blue door next to the bakery. Saturdays 10:00 to " +
    "16:00, or a weekday evening by arrangement. Send me a message an hour before you come and bring your order number.",
  "Delivered online: the download link for your files, with a short written summary, has been sent to you by " +
    "message. The link stays valid for 30 days; ask any time if you need a fresh one.",
];

/** The fulfilment note that suits a listing's delivery method. */
export function demoNoteFor(listing: Pick<DemoListing, "delivery">): string {
  const index = { shipping: 0, pickup: 1, digital: 2, service: 2 }[listing.delivery.method];
  return DEMO_NOTES[index] ?? "";
}
