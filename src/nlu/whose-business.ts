/**
 * @module nlu/whose-business
 * Whether a request is this shop's to answer. A message about another business ("my landlord", "the airline",
 * a bank card, a table at a restaurant, a bus ride) shares words with ours ("refund", "order", "how long will it
 * take", "declined", "change my account") but is not ours, unless it also speaks of this shop.
 */

/** Words only a shop's customer uses together with a request: they rule out "not our business". */
export const STORE_WORDS =
  /\b(?:reviews?|feedback|(?:leave|give|write|post) (?:a |my )?(?:star )?rating|complain|complaint|cancel|cancell?ation|exchange|refunds?|refunded|returns?|returned|returning|(?:send|sent|sending) (?:it|them|things|stuff|everything|items?) back|package|parcel|order(?:ed|s)?|purchases?|purchased|bought|checkout|check out|damaged|broken|defective|dispatched|(?:payments?|card)(?: \w+){0,3}? (?:failed|declined|rejected|didn['’]?t go through)|(?:my|the|a full) money back|(?:delivery|shipping) (?:charge|fee)s?|invoices?|receipt|copy of (?:the|my|a|our) bill|delivery|delivered|shipping|shipped|courier|tracking|cart|basket|coupon|promo code|my account|password|sign(?:ed)? up|log ?in|try(?:ing)? to register|(?:can['’]?t|cannot|unable to) register|register (?:an |my |a new )?account|newsletter|subscription|unsubscribe|customer service|human agent|live agent|representative)\b/i;

/**
 * What a request to a shop speaks of, beyond its store words: an account, a profile, paying, money back, a
 * human or the bot, the shop itself. A long message with none of these is not a support request, whatever
 * one of its clauses sounds like ("what actually works to get them out for good?").
 */
const SHOP_MATTERS =
  /\b(?:accounts?|profile|regist(?:er|ered|ering|ration)|sign(?:ing)? (?:in|up|out)|log(?:ging)? (?:in|out)|logged|email|e-mail|human|(?:actual|real|live) (?:person|people)|someone real|transfer me|agent|bot|chatbot|automated|pay|paid|paying|payment|paypal|apple pay|google pay|klarna|instalments?|card|charged|money back|rating|rate|dispatched|arrive|arrived|sent|send|ship|ships|deliver|warranty|guarantee|subscribe|emails|offers|size|sizes|fit|exchange|price|website|site|app|shop|store|your|thoughts on|buy|bought|products?|items?|address|bills?|reimburs\w*|rebates?|compensation|penalt(?:y|ies)|fees?|sign-?up|user|pin|stopped working|won['’]?t (?:turn|switch) on|faulty|how (?:quickly|fast|soon) (?:can|could|will|would|do) you|nothing like the (?:photos?|pictures?|description)|(?:feels?|looks?) (?:really |so )?cheap|poor quality)\b/i;

/** Whether a long message speaks of anything a shop's support handles (see SHOP_MATTERS). */
export function speaksOfShopMatters(text: string): boolean {
  return STORE_WORDS.test(text) || SHOP_MATTERS.test(text);
}

/** Other businesses and authorities a customer may write about: their requests are not ours. */
const ANOTHER_PARTY =
  /\b(?:landlord|landlady|letting agent|tax (?:office|return|refund|authority)|irs|hmrc|post office|royal mail|usps|city council|the council|(?<!(?:basketball|tennis|squash|badminton|netball|volleyball|food) )court(?!s? (?:shoes?|side))|tribunal|police|lawyer|solicitor|(?<!(?:back to|for|new|starting|start|after|before|at) )school(?! (?:\w+ )?(?:team|uniform|run|bag|shoes|trip|play|project|lunch(?:es)?|holidays?|year|term|sports?|day|morning|disco|prom))|(?<!(?:starting|start|going to|go to|off to|back to) )university|gym membership|online course|dentist|doctor|clinic|hospital|pharmacy|plumber|electrician|mechanic|(?<!\b(?:my|our) )(?:restaurant(?! (?:chefs?|quality|style|grade))|bakery)|amazon (?:order|prime|account|delivery|parcel|package|seller|refund|return)s?|(?:on|from|through) amazon(?! echo)|waiter|takeaway|pizza (?:place|app|shop)|(?:ordered|order) (?:a |an |some |my |our )?(?:pizza|curry|kebab|burger|sushi|chinese|indian|thai|food|dinner|lunch|breakfast)(?: \w+){0,2}? from (?:the|a|that) (?!shop\b|store\b|site\b|website\b)|(?:my|the) gym(?= (?:i|we) (?:joined|signed up)| (?:won['’]?t|wont|says|said|keeps|charged|took|membership|contract))|the garage (?=wants|says|said|quoted|charged|charges|is charging|told)|\bmot\b|(?:food|delivery) app|airline|airport|hotel|taxi|cab driver|uber|lyft|airbnb|employer|my boss|my client|publisher|email provider|(?:phone|mobile|internet) (?:carrier|provider|company)|broadband provider|insurance company|insurer|(?:my|the|our) (?:mobile|phone|cell(?:ular)?) (?:network|operator|contract|plan)|(?:mobile|phone|gadget) insurance|insurance (?:i|we) (?:have|got|pay for) (?:with|through)|market stall|(?:street|market) (?:trader|vendor|seller|stall)|flea market|car boot(?: sale)?|(?:garage|yard) sale|online banking|bank branch|streaming service|netflix|(?:car|home|house|health|travel|life|pet|contents) insurance|(?:a|another|other|different) (?:courier|carrier|delivery (?:company|service|driver))|neighbou?r'?s (?:\w+ )?(?:package|parcel|delivery|order)|addressed to (?:the|my|a|an|our) (?:lady|man|woman|guy|neighbou?r|people|family|tenant)|(?:bike|furniture|shoe|phone|electronics|local|corner|grocery|hardware|pet|toy|book|department|thrift|charity|computer|music|appliance|local [a-z]+) (?:shop|store)|(?:car )?dealership|moving company|removal (?:company|firm)|pension|social security|benefits office|(?:toll|housing|licensing|local|tax) authority|customs (?:clearance|broker)|shipping container|\d+ ?ft container|newspaper|magazines?(?! (?:rack|holder|file|table|stand|basket))|(?:streaming|tv|music) (?:subscription|app)|spotify|disney\+|hulu|fortnite|epic games|steam account|playstation|xbox|game account|gaming account|cover letter|job (?:application|interview)|cinema|ticketmaster|vet|veterinarian|hairdresser|salon|library)\b/i;
/**
 * Another business named by what it is rather than by name: "a meal kit service", "the game company", "a
 * marketplace app", "the trade website". It needs a word saying which, and not one that could be ours ("the
 * delivery service", "the mobile app"): "the company" alone is often this shop ("the company newsletter").
 */
const SOME_BUSINESS =
  /(?<!\b(?:left|leave|leaving|joined|join|at|for|in) )\b(?:the|a|an|that|their|my|our) (?:(?!(?:delivery|shipping|courier|customer|express|returns?|online|mobile|web|shopping|chat|support|your|this|same)\b)[a-z-]+ ){1,2}(?:company|firm|agency|provider|supplier)\b|\b(?:the|a|an|my|our|that|their) (?:(?!(?:delivery|shipping|courier|customer|express|returns?|online|mobile|web|shopping|chat|support|your|this|same|other|bank|banking|e?mail|tracking|card|phone)\b)[a-z-]+ ){1,2}(?:service|app|site|website|platform|marketplace|centre|center|kennels|venue|garage|network)\b/i;
/** Selling, not buying: the shopper's own buyer wants money back ("I sold my old sofa… the buyer"). */
const SELLING = /\bi (?:just )?sold (?:my|it|them|a|an|some)\b|\bthe buyer\b/i;
/** Writing fiction or a piece of work about a shop, not shopping: "a story where the main character packs orders". */
const WRITING =
  /\b(?:i'?m|i am|we'?re|we are) writing (?:a|an|my|our) (?:[a-z-]+ )?(?:story|novel|book|essay|article|script|screenplay|poem|play|thesis|dissertation|blog post)\b|\bmain character\b/i;

/** A message that speaks of this shop: its site, its team, what it sent, an order number. */
const ABOUT_US =
  /\b(?:your (?:shop|store|site|website|app|team|staff|customer service|customer support|support|company|warehouse|courier|returns?|(?:order |marketing |promotional )?e-?mails)|(?:buy|order|get|bought|ordered|purchased|got) (?:[\w-]+ ){0,4}(?:from|with|through) you\b(?!r)|(?:need|want|keep|cancel) yours\b|you guys|you (?:sent|shipped|charged|delivered)|(?:could|can|would|will) you (?:please )?(?:send|e-?mail|resend|re-send|issue) (?:me|us) (?:one|it|a copy|an? (?:invoice|receipt)|the (?:invoice|receipt))\b|(?:do|can|will|would) you (?:\w+ )?(?:have|offer|accept|ship|deliver|send|take|sell|stock)|order (?:number |no\.? ?|#)?\d{4,})|#\d{4,}|\b\d{6,}\b/i;
/**
 * What only another business deals in: a bank's cards, cheques, transfers and credit applications; a card declined
 * at another shop's till; utility bills; a table at a restaurant; a hired car, a meeting room, a calendar; an
 * alarm clock's timer; the assistant's voice. None of them is sold or handled by an online shop.
 */
const ELSEWHERE = [
  /\b(?:checkbooks?|cheque ?books?|checking account|savings account|routing number|replacement card|atm card|(?:credit|debit|bank) card (?:company|issuer))\b/i,
  /\b(?:order(?:ing)?|get|need|want) (?:some |more |new |additional )*(?:checks|cheques)\b/i,
  /\bmy (?:credit |debit |bank )?card (?:got |was |is |has been )?(?:stolen|melted|bent|demagnetized|snapped|cracked|cut up)\b/i,
  /\b(?:declined|swiped|refused) at (?!checkout\b|the checkout\b|your\b|payment\b|the payment\b)\w/i,
  /\bi was at (?!checkout\b|the checkout\b|your\b|payment\b|the payment\b)(?:[\w']+ ){1,3}trying to (?:buy|pay|purchase)\b/i,
  /\b(?:be|get|getting) seated\b|\ba table (?:at|for \d)\b|\breservations?\b/i,
  // A car hired, a room booked, a diary kept: an assistant's or another business's.
  /\b(?:car rentals?|rental cars?|car hire|(?:rent|hire)(?:ing)? a car|meeting rooms?)\b/i,
  /\b(?:(?:to-?do|todo|to do) list|list of things to do|(?:on|to|from|off|of|in) my calendar)\b/i,
  /\b(?:accent|(?:fe)?male voice)\b/i,
  /\b(?:bank|debit|atm|checking|savings|college fund|retirement) (?:account )?pin\b|\bpin (?:number )?for my (?:[\w-]+ )?(?:bank|debit|atm|checking|savings|fund|retirement)\b|\bpto\b/i,
  /\b(?:credit card|loan|mortgage) application\b|\bapplied for a (?:new )?(?:credit card|loan|mortgage)\b/i,
  /\b(?:move|wire|transfer) (?:some |my |the )?(?:money|funds)\b/i,
  /\b(?:utility|electric|electricity|water|gas|phone|cable|plumbing|tuition) bills?\b|\butilities\b/i,
  /\b(?:set|create|start) (?:up )?(?:a |an )?(?:new )?(?:timer|alarm)\b/i,
  // Tipping is between the shopper and the driver or the waiter; a bank's message is about the bank's account.
  /\btip(?:s|ping)? (?:the |a |my |our )?(?:delivery )?(?:drivers?|waiters?|waitress|staff|taxi|cabbie|barber|hairdresser)\b/i,
  /\b(?:message|letter|text|email|e-mail|call|notification) from (?:my|the) bank\b/i,
  // A message that may be a scam is someone else's, whoever it pretends to be.
  /\b(?:(?:is|was) (?:this|it|that) (?:a )?scam|scam (?:texts?|emails?|messages?|calls?)|phishing)\b/i,
];

/** A trip the shopper makes, not a parcel's: "how long will it take me to drive to Phoenix", "by bus". */
const TRIP =
  /\b(?:drive|walk|fly|commute|cycle) to\b|\bby (?:bus|car|train|plane|subway|taxi|bike|foot)\b|\b(?:take|took|taking|catch) (?:the|a) (?:bus|train|subway|tube|ferry)\b|\bif i leave now\b|\b(?:take|for) (?:me|us) to (?:get|go) to\b/i;

/** Asking whether a thing is sold: "do you sell…", "you got any…", "is there a…". */
export const ASKS_IF_SOLD =
  /\b(?:do|does|did) (?:you|ya|u|the shop|the store|this (?:shop|store)) (?:\w+ )?(?:sell|have|carry|stock|do|offer|got)\b|\b(?:you|ya|u) (?:got|selling|sell|carry|stock)\b|\bis there an?\b|\bany .{1,30} (?:in stock|for sale|available)\b/i;

/**
 * Asking how to handle something oneself, or whether it is normal, right or safe: "how long should I boil
 * eggs", "is it rude to ask them", "should I be worried", "what can I do before it runs out".
 */
const ADVICE =
  /\b(?:how (?:long|often|much time) (?:should|do|does|can|must|will)|how (?:much|many|often) \w+ (?:should|do) (?:i|we)|how (?:do|can|should|would) (?:i|we)(?! (?:organi[sz]e|store|tidy|declutter|fix|stop|keep|protect|carry|hold|hang|display|charge|hide|mount)\b)|(?:do you|does anyone|can someone|could someone|can you) (?:know|explain|tell me) how|should (?:i|we)\b|(?:is (?:it|that|this)|it(?:'s| is)|that(?:'s| is)) (?:normal|rude|ok|okay|fine|safe|legal|true|real|worth|wrong|better|a (?:red flag|scam|good idea|bad idea))\b|(?:what|who) (?:else )?(?:can|should|do) (?:i|we) (?:do|contact|call|ask|say)|do (?:i|we) have (?:any )?rights|do (?:i|we) need to\b|is there anything (?:i|we) can do|any tips|advice (?:on|about)|what now\b|what(?:'s| is) (?:a|the) (?:good|best|right|proper) (?:[a-z-]+ )?(?:routine|exercise|technique|recipe|substitute|stretch)s?\b|(?:what(?:'s| is) the )?(?:best|right|easiest|quickest|fastest) way to (?!(?:keep|store|carry|hold|hang|display|protect|clean|organi[sz]e)\b)|(?:what(?:'s| is| are) (?:a )?(?:good|nice|funny|cute|silly) names? for|what (?:should|shall|can) (?:i|we) (?:call|name))\b|can (?:i|we) (?:just |legally |still )?(?:use|leave|ask|claim|sue|refuse|keep|argue)|how many calories|calorie content|calories (?:in|does|are)|ingredients (?:are )?in|(?:a|the) recipe for|how long (?:can|will|does|do|would) (?:[\w']+ ){0,4}(?:last|keep)\b|in the fridge)/i;
/**
 * What asks the shop for a thing: to buy, show or suggest one, its price, whether it is sold. "Something" told
 * of ("should I say something?") asks for nothing.
 */
export const THING_ASKED =
  /\b(?:buy|buying|purchase|order|sell|sold|stock|carry|recommend|suggest|looking for|need an?|want an?|show me|get (?:me |him |her |them |us )?(?:an?|some)|what (?:should|could|can) (?:i|we) (?:get|buy|use)|what (?:do|would|will) (?:i|we) need|what (?:would|will|could) (?:help|work)|price|cost|how much|cheap|cheaper|cheapest|afford|in stock|for sale)\b|(?<!\b(?:say|do|try|tell|add|write|wrong|off|missing) )\b(?:something|anything)\b(?! (?:i|we|you) (?:can|could|should) do\b)/i;

/** The sentences that ask: those ending in "?", else the last one. */
function questionsOf(text: string): string[] {
  const sentences = text
    .split(/(?<=[.!?])\s+|\s*\n+\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  const asked = sentences.filter((s) => s.endsWith('?'));
  return asked.length > 0 ? asked : sentences.slice(-1);
}

/**
 * Whether a message asks only for advice on the writer's own affairs ("my cat keeps throwing up… should I be
 * worried?"): one of its questions asks how or whether to do something, and none asks the shop for a thing
 * or tells a need (`tellsANeed`: "my back is killing me, what should I do?"), whatever products its story
 * names ("eggs", "juice", "the party").
 */
export function asksOnlyForAdvice(
  text: string,
  tellsANeed: (question: string) => boolean = () => false,
): boolean {
  const questions = questionsOf(text);
  const asksForAThing = (q: string) =>
    ASKS_IF_SOLD.test(q) || THING_ASKED.test(q) || tellsANeed(q.replace(NOT_A_NEED, ' '));
  return questions.some((q) => ADVICE.test(q)) && !questions.some(asksForAThing);
}

/** Words a need frame would take for a need, said of something else: "for my oven", "say something". */
const NOT_A_NEED =
  /\bfor my\b|\b(?:say|do|try|tell|add|write) (?:something|anything)\b|\b(?:do|did) (?:i|we|you) (?:really |actually )?need to\b/gi;

/** An errand for a general assistant, not a shop's: "write me an essay…", "translate this", "tell me a joke". */
const ERRAND =
  /^\W*(?:(?:hey|hi|ok|okay)\W+)?(?:(?:can|could|would|will) you |please |pls )?(?:help me )?(?:write|compose|draft|translate|summari[sz]e|paraphrase|proofread|tell me a (?:joke|story|riddle)|do my homework|(?:recommend|suggest) (?:me )?(?:a |an |some )?(?:good |great |new |fun )?(?:podcast|film|movie|tv show|song)s?|turn (?:on|off|up|down) (?:the |my )?\w+|turn (?:the |my )?\w+ (?:on|off|up|down)|(?:send|text) (?:a )?(?:text|message) to|dial|call (?:my )?\w+(?:['’]s)? (?:phone|number|mobile))\b/i;

/** Whether the message asks for an errand of a general assistant, not for a thing or a shop's service. */
export function asksAnErrand(text: string): boolean {
  return ERRAND.test(text) && !ASKS_IF_SOLD.test(text) && !/\b(?:review|complaint|feedback)\b/i.test(text);
}

/** Whether the message asks about another business and says nothing of this shop. */
export function speaksOfAnotherBusiness(text: string): boolean {
  if (speaksOfUs(text) || TURNS_TO_US.test(text)) return false;
  return (
    ANOTHER_PARTY.test(text) ||
    SOME_BUSINESS.test(text) ||
    SELLING.test(text) ||
    WRITING.test(text) ||
    onlyElsewhere(text)
  );
}

/** Another shop said to be closed or out of the thing: the shopper is turning to us ("the corner shop is shut"). */
const TURNS_TO_US =
  /\b(?:shop|store|supermarket|pharmacy|chemist|newsagent|market)(?:(?:['’]s| is| was| are| were)(?: \w+)? (?:shut|closed|sold out|out of (?:it|them|stock))\b(?! down)|(?: has| had| have) (?:none left|nothing left|run out|sold out)\b)/i;

const onlyElsewhere = (text: string) => ELSEWHERE.some((pattern) => pattern.test(text));

/** Whether the message speaks of this shop: its site, its team, what it sent, an order number (see ABOUT_US). */
export function speaksOfUs(text: string): boolean {
  return ABOUT_US.test(text);
}

/**
 * Whether the message speaks of what only another business deals in (see ELSEWHERE): a table for four is a
 * restaurant's, however sure a reading of "table" as furniture is.
 */
export function dealsElsewhere(text: string): boolean {
  return !speaksOfUs(text) && onlyElsewhere(text);
}

/**
 * Whether the message asks about a trip the shopper makes, with no word of an order or a parcel: not a
 * delivery question, though a need may still be met ("something to keep me dry on my walk to work").
 */
export function tellsOfATrip(text: string): boolean {
  return TRIP.test(text) && !STORE_WORDS.test(text) && !ABOUT_US.test(text);
}

/**
 * Asking where a parcel is: "can you check where the parcel actually is?", "where is my package now?", "where
 * they're at, the email said dispatched". Not where a refund or an invoice is.
 */
const WHERE_IS_IT =
  /\bwhere(?:['’]s| is| are)? (?:my|the|our|this|that) (?:parcel|package|order|delivery|shipment|box)\b|\bwhere (?:it|they) (?:is|are|['’]s|['’]re)(?: at)?\b|\bwhere is (?:it|my \w+) now\b|\bwhere (?:they|it)['’]?(?:re|s)? at\b|\bis it (?:even |actually )?being processed\b|\b(?:has|have) (?:it|they) (?:even |actually )?(?:been )?(?:dispatched|shipped|sent)\b|\b(?:haven['’]?t|not|never) (?:had|got|received) (?:a |any |the )?(?:dispatch|shipping) (?:email|confirmation|notice)\b|\bno tracking (?:number|link|code)\b|\bwhen will (?:it|they|my order) be (?:sent|shipped|dispatched)\b/i;

/** Before a thing the shopper owns: "where's my", "when will my", "still waiting for my" (one word may come between). */
const WHERE_BEFORE =
  /\b(?:where(?:['’]s| is| are)|(?:still )?waiting (?:for|on)) (?:my|our) (?:[\w'’-]+ )?$/i;
/** Before it, asking when: "when will my", "when can I expect my". */
const WHEN_BEFORE = /\bwhen (?:will|does|do|is|are|should|can i expect) (?:my|our) (?:[\w'’-]+ )?$/i;
/** After it, when asked when: "…arrive", "…get here". */
const COMES_AFTER = /^(?:arrive|come|get here|be delivered|be here|ship|be shipped|be dispatched)\b/i;
/** After it: "…still hasn't arrived", "…never came", "…arrive?". */
const LATE_AFTER =
  /^(?:[\w'’-]+ ){0,2}?(?:(?:still )?(?:has(?:n['’]t| not)|have(?:n['’]t| not)|is(?:n['’]t| not)|are(?:n['’]t| not)|did(?:n['’]t| not)|never|not) (?:yet )?(?:arrived|arrive|come|came|turned up|shown up|been delivered|got here|reached (?:me|us)|been (?:shipped|dispatched|sent))|(?:arrive|come|get here|be delivered|be here|ship|be shipped|be dispatched)\b)/i;
/**
 * A thing of the shopper's said not to have come, whether or not the catalog names it: "my air fryer still hasn't
 * arrived". Not money, a code or a message, and not the order or parcel itself (the classifier reads those).
 */
const THING_NOT_COME =
  /\b(?:my|our) (?![^?.!]*\b(?:refunds?|money|credit|payments?|cash|reimbursement|invoices?|receipts?|e-?mails?|code|password|link|confirmation|statement|orders?|packages?|parcels?|deliver(?:y|ies)|purchases?|items?|stuff|shipments?|goods|things|products?|articles?)\b)(?:[\w'’-]+ ){0,2}?[\w'’-]+ (?:still )?(?:has(?:n['’]t| not)|have(?:n['’]t| not)|never) (?:yet )?(?:arrived|come|turned up|shown up|been delivered)/i;

/** A thing lost or stolen is not an order to track. */
const LOST = /\b(?:lost|find|found|misplaced|stolen|locate|left (?:it|them|my))\b/i;

/** Whether the message says a thing of the shopper's has not come (see THING_NOT_COME). */
export function toldThingNotCome(text: string): boolean {
  return !LOST.test(text) && THING_NOT_COME.test(text);
}

/**
 * Whether the message asks where a thing the shopper bought is, or says it has not come, naming the thing
 * (`at`…`end`) rather than the order: "where is my laptop?", "my air fryer still hasn't arrived".
 */
export function asksAfterOwnedThing(text: string, at: number, end: number): boolean {
  if (LOST.test(text)) return false;
  const before = text.slice(0, at);
  const after = text.slice(end).trimStart();
  if (WHERE_BEFORE.test(before))
    return !/^(?:case|charger|cover|manual|instructions|warranty|receipt|invoice)\b/i.test(after);
  if (WHEN_BEFORE.test(before)) return COMES_AFTER.test(after);
  return /\b(?:my|our) (?:[\w'’-]+ )?$/i.test(before) && LATE_AFTER.test(after);
}

/** Whether a long message's question asks where its parcel is (and nothing of a refund or an invoice). */
export function asksWhereItIs(text: string): boolean {
  return (
    questionsOf(text).some((q) => WHERE_IS_IT.test(q)) &&
    !/\b(?:refund|money back|invoice|receipt)\b/i.test(text)
  );
}

/** Something delivered broken: "arrived damaged", "came with a cracked screen", "it was smashed when it came". */
const ARRIVED_BROKEN =
  /\b(?:arrived|came|turned up|was delivered|got delivered)\b(?:\s+\w+){0,5}?\s+(?:damaged|broken|smashed|cracked|dented|crushed|defective|faulty|shattered|ripped|torn|in pieces)\b|\b(?:damaged|broken|smashed|cracked|crushed|defective|faulty|shattered|in pieces)\b(?:\s+\w+){0,3}?\s+when (?:it|they) (?:arrived|came|got here)\b/i;
/** …or not what was ordered: "the item I got is not what I ordered", "you sent me the wrong size". */
const ARRIVED_WRONG = new RegExp(
  `${ARRIVED_BROKEN.source}|\\b(?:not what i (?:ordered|bought|paid for)|(?:sent|gave|delivered) (?:me )?the wrong|(?:got|received|is|was) the wrong (?:item|size|colou?r|product|thing|model|order)|(?:is|was|are|were) missing from (?:my|the) (?:order|parcel|package|box|delivery))\\b`,
  'i',
);
/** Asking for the shop's own phone number or email: "what's your phone number?", "customer service email". */
const OUR_CONTACT_DETAILS =
  /\b(?:your|ur|the shop['’]?s|customer (?:service|support)|support) (?:phone|telephone|contact|whatsapp|hotline|email|e-mail)(?: number| no| address| details)?\b|\bhow (?:can|do) i (?:(?:call|phone|ring|email|e-mail) (?:your|customer)|(?:phone|ring|email|e-mail) you)\b|\b(?:email|e-mail|phone number|number|address) (?:[\w-]+ ){0,3}to (?:reach|contact|call|ring|get hold of|email|write to) (?:you|your|customer|the shop|support)\b/i;
/** What a long message must ask to be asking for our contact details, not telling of "your email". */
const CONTACT_ASKED = /\b(?:number|address|details|reach|contact|call|ring|get hold of)\b/i;

/** A delivery that came broken or not as ordered: a complaint, however much it sounds like tracking. */
export function toldOfAWrongDelivery(text: string): boolean {
  return ARRIVED_WRONG.test(text);
}

/**
 * Asking how to reach the shop itself: its phone number, email, hotline. In a long message, one of its
 * questions must ask it ("…I have a question about a big order. What's the best number to reach your support
 * team?"), not a story that mentions "your email".
 */
export function asksOurContactDetails(text: string, long = false): boolean {
  if (!long) return OUR_CONTACT_DETAILS.test(text);
  return questionsOf(text).some((q) => OUR_CONTACT_DETAILS.test(q) && CONTACT_ASKED.test(q));
}
