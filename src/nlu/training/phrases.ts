/**
 * @module nlu/training/phrases
 * What customers say for each intent, written for this project. `acts` are verb phrases in the base form
 * ("cancel {order}") that the generator wraps in request frames ("how do I …", "help me with …ing");
 * `says` are whole utterances used as they are (after slot filling and noise).
 */
import type { IntentName } from '../intents.ts';

export interface IntentPhrases {
  acts?: string[];
  says?: string[];
}

export const PHRASES: Record<IntentName, IntentPhrases> = {
  cancel_order: {
    acts: [
      'cancel {order}', 'cancel my {order}', 'call off {order}', 'stop {order}', 'revoke {order}', 'withdraw {order}',
      'annul {order}', 'cancel the items i ordered', 'cancel {order} i made yesterday', 'get {order} cancelled',
    ],
    says: [
      'i do not want {order} anymore', 'please cancel {order}', '{order} needs to be cancelled', 'cancel it',
      'i changed my mind about {order}, cancel it', 'cancellation of {order}', 'stop {order} from shipping',
      'i ordered by mistake, cancel {order}', 'can u cancel {order}', 'cancel {order} asap', 'cancel order',
      'i no longer want the {item} i ordered', 'kill {order}',
    ],
  },
  change_order: {
    acts: [
      'change {order}', 'modify {order}', 'edit {order}', 'update {order}', 'swap an item in {order}', 'swap an article of {order}',
      'replace an item of {order}', 'add an item to {order}', 'remove an item from {order}', 'change the size in {order}',
      'exchange something in {order}', 'switch a product in {order}', 'correct {order}', 'change the quantity of {order}',
      'change something of {order}', 'alter {order}', 'add something to {order}', 'take something out of {order}',
      'change the color of an item in {order}', 'adjust {order}', 'amend {order}', 'substitute an item in {order}',
    ],
    says: [
      'i ordered the wrong size in {order}', 'can i add something to {order}', 'i want a different color in {order}',
      'i need to change some items in {order}', 'i picked the wrong product in {order}', 'change purchase {num}',
      'modifications to {order}', 'i want to add one more item to {order}', 'update the items in {order}',
    ],
  },
  place_order: {
    acts: [
      'place an order', 'make an order', 'buy {items}', 'purchase {items}', 'order {items}', 'shop for {items}',
      'make a purchase', 'complete a purchase', 'check out', 'buy something', 'order several items', 'buy a {product}',
      'order a {product}', 'finish my order', 'place a new order', 'submit an order', 'buy from your store',
      'make a new purchase', 'purchase something from you', 'acquire {items}', 'shop {items}',
    ],
    says: [
      'i want to buy {items}', 'how do i order', 'i would like to purchase {items}', 'where can i buy your products',
      'i want to place an order', 'help me order {items}', 'i wanna buy stuff', 'can i order by phone',
      'how does ordering work', 'i need to make a purchase', 'new order please', 'start an order',
    ],
  },
  track_order: {
    acts: [
      'track {order}', 'locate {order}', 'check the status of {order}', 'find {order}', 'see where {order} is',
      'check the eta of {order}', 'follow {order}', 'check the delivery status of {order}', 'trace {order}',
      'see the status of {order}', 'check on {order}', 'know where {order} is', 'get an update on {order}',
      'see the tracking of {order}', 'check the shipping status of {order}', 'find out where my {item} is',
      'locate the last parcel', 'track my {item}', 'know the status of {order}', 'see the progress of {order}',
    ],
    says: [
      'where is {order}', 'wheres my stuff', 'where is my {item}', 'my {item} has not arrived yet', '{order} still not here',
      'status of {order}', 'has {order} shipped yet', 'did {order} ship', 'where is my package {num}',
      'tracking number for {order}', 'order status', 'track order', 'any news on {order}', 'i never got {order}',
      '{order} is late', 'what happened to {order}', 'is {order} on its way', 'where my order at',
      'my {item} is missing', 'i am still waiting for {order}',
    ],
  },
  check_cancellation_fee: {
    acts: [
      'check the {fee}', 'see the {fee}', 'know the {fee}', 'find out about the {fee}', 'find information about {fee}',
      'check if there is a {fee}', 'see how much the {fee} is', 'look up the {fee}', 'check your {fee}',
      'know if i have to pay a {fee}', 'get information on {fee}', 'see the {fee} you charge',
    ],
    says: [
      'is there a {fee}', 'how much is the {fee}', 'do you charge a {fee}', 'what are your {fee}',
      'will i be charged for cancelling', 'does it cost anything to cancel', 'is cancelling free',
      'what is the {fee}', 'do i pay a {fee} if i cancel', '{fee}', 'any {fee}', 'how much does it cost to cancel',
      'i cannot find anything about the {fee}', 'where are the {fee}',
    ],
  },
  check_invoice: {
    acts: [
      'check {invoice}', 'see {invoice}', 'view {invoice}', 'look at {invoice}', 'take a look at {invoice}',
      'review {invoice}', 'find {invoice}', 'check the details of {invoice}', 'locate {invoice}', 'consult {invoice}',
      'give a quick look at {invoice}', 'check the amount of {invoice}', 'see the details of {invoice}',
      'browse {invoice}', 'look up {invoice}', 'check what is on {invoice}', 'have a look at {invoice}', 'verify {invoice}',
    ],
    says: [
      'show me {invoice}', 'what does {invoice} say', 'i cannot find {invoice}', 'where can i see {invoice}',
      'where do i check {invoice}', 'invoice details', 'how much was {invoice}', 'list my invoices', 'check invoice',
      'i want to check {invoice}', 'can i see {invoice}', 'where are {invoice}',
    ],
  },
  get_invoice: {
    acts: [
      'get {invoice}', 'download {invoice}', 'receive {invoice}', 'request {invoice}', 'obtain {invoice}',
      'get a copy of {invoice}', 'print {invoice}', 'have {invoice} sent to me', 'get {invoice} by email',
      'download a pdf of {invoice}', 'get a duplicate of {invoice}', 'retrieve {invoice}', 'request a copy of {invoice}',
      'save {invoice}', 'export {invoice}', 'get hold of {invoice}',
    ],
    says: [
      'send me {invoice}', 'email me {invoice}', 'i lost {invoice}, send it again', 'i need a copy of {invoice}',
      'i did not receive {invoice}', 'mail {invoice} to me', 'i need {invoice} for my taxes', 'resend {invoice}',
      'can i have {invoice}', 'i need {invoice}', 'pdf of {invoice}', 'forward me {invoice}',
    ],
  },
  check_payment_methods: {
    acts: [
      'check the payment methods', 'see the payment options', 'know what payment methods you accept',
      'list the payment options', 'find out how i can pay', 'see the available payment modalities',
      'check which payment methods are available', 'know the accepted payment methods', 'see how to pay',
      'check if i can pay with {payment_method}', 'pay with {payment_method}', 'pay by {payment_method}',
      'know if you accept {payment_method}', 'see the ways to pay', 'check the payment modalities',
    ],
    says: [
      'which payment methods do you accept', 'can i pay with {payment_method}', 'do you accept {payment_method}',
      'what payment options are there', 'do you take {payment_method}', 'how can i pay', 'payment methods',
      'what forms of payment do you accept', 'is {payment_method} accepted', 'can i use {payment_method}',
      'do you allow {payment_method}', 'ways to pay', 'accepted payment methods',
    ],
  },
  payment_issue: {
    acts: [
      'report a problem with {payment}', 'solve an issue with {payment}', 'fix an error with {payment}',
      'notify of an issue with {payment}', 'inform of a problem with {payment}', 'report trouble with {payment}',
      'report an error with {payment}', 'resolve a {payment} problem', 'sort out a {payment} issue',
      'solve troubles with {payment}', 'report a {payment} error', 'fix my {payment}', 'notify a payment issue',
    ],
    says: [
      'my payment failed', 'my card was declined', 'i was charged twice', 'payment error at checkout',
      'the payment did not go through', 'problem with {payment}', '{payment} keeps failing', 'i cannot pay',
      'the checkout gives me an error', 'my {payment_method} payment was rejected', 'i got charged but have no order',
      'payment declined', 'there is an issue with {payment}', 'error when paying', 'double charge on my card',
      'the money was taken but the order failed',
    ],
  },
  check_refund_policy: {
    acts: [
      'check the refund policy', 'see your {refund} policy', 'know in what cases i can get a {refund}',
      'read the money back guarantee', 'find out how long {refund} takes', 'check the return policy',
      'see the conditions for a {refund}', 'know your {refund} policy', 'check in what cases i can request a {refund}',
      'understand your {refund} terms', 'see how long {refund} takes', 'know if i am eligible for a {refund}',
    ],
    says: [
      'what is your refund policy', 'in which cases can i ask for a {refund}', 'how long does a {refund} take',
      'do you offer a money back guarantee', 'refund policy', 'what is the return policy', 'can i return an item',
      'what are the conditions for a {refund}', 'how many days do i have to return something', 'return policy please',
      'how long do {refund} take', 'when can i get a {refund}', 'is there a {refund} policy', 'returns policy',
    ],
  },
  get_refund: {
    acts: [
      'get a {refund}', 'request a {refund}', 'ask for a {refund}', 'claim a {refund}', 'obtain a {refund}',
      'get my money back', 'receive a {refund}', 'demand a {refund}', 'get a {refund} for {order}',
      'be refunded', 'get reimbursed', 'request {refund} of {amount}', 'return an item and get my money back',
      'ask for my money back', 'get {refund} of my money', 'file for a {refund}', 'start a {refund}',
    ],
    says: [
      'i want my money back', 'refund {amount}', 'reimburse {amount}', 'refund me for {order}', 'i want a {refund}',
      'give me a {refund}', 'i need a {refund} for {order}', 'i demand a {refund}', 'refund please',
      'i would like to return {order} for a {refund}', 'can i get a {refund}', 'money back please',
    ],
  },
  track_refund: {
    acts: [
      'track my {refund}', 'check the status of my {refund}', 'check on my {refund}', 'see if my {refund} was processed',
      'find out where my {refund} is', 'know when i will get my {refund}', 'follow up on my {refund}',
      'see the status of the {refund} of {amount}', 'check the progress of my {refund}', 'track the {refund} of {amount}',
    ],
    says: [
      'i am waiting for a {refund} of {amount}', 'i am still waiting for my {refund}', 'has my {refund} been processed',
      'where is my {refund}', 'my {refund} has not arrived', 'i expect a {refund} of {amount}, was it processed',
      'status of my {refund}', 'when will i receive my {refund}', 'i have not received my {refund} yet',
      'still no {refund}', 'was my {refund} approved', 'refund status', 'any update on my {refund} of {amount}',
      "i'm waiting for a {refund}", 'did you send my {refund}',
    ],
  },
  change_shipping_address: {
    acts: [
      'change my {address}', 'update my {address}', 'modify the {address}', 'correct my {address}', 'edit my {address}',
      'fix a wrong {address}', 'change the {address} of {order}', 'update the {address} on {order}',
      'correct the {address} i submitted', 'replace my {address}', 'change where my order is delivered',
      'amend the {address}', 'change the {address} on my account',
    ],
    says: [
      'i entered a wrong {address}', 'i moved and need to update my {address}', 'my {address} is wrong',
      'i have submitted a wrong address, can you correct it', 'the {address} on {order} is incorrect',
      'wrong {address}', 'i made a mistake in the {address}', 'there is a typo in my {address}',
      'please deliver to a different address instead', 'i need to change the address',
    ],
  },
  set_up_shipping_address: {
    acts: [
      'set up a {address}', 'add a {address}', 'enter a new {address}', 'register a {address}', 'create a {address}',
      'save a {address}', 'set a secondary {address}', 'add another {address}', 'submit a new {address}',
      'enter a different {address}', 'set up my {address}', 'add a second {address}', 'set a new {address}',
      'put in a {address}', 'configure a {address}', 'establish a {address}', 'input a {address}',
    ],
    says: [
      'i have an issue setting up my {address}', 'i do not have a {address} yet', 'new {address}',
      'where do i add a {address}', 'i want to add a {address} to my account', 'i get an error when i set up a {address}',
      'how to set up a shipping address', 'can i have two delivery addresses', 'add address',
    ],
  },
  delivery_options: {
    acts: [
      'check the {ship} options', 'see what {ship} methods you offer', 'know the delivery options', 'choose a {ship} method',
      'see the {ship} options', 'check if you ship to {place}', 'find out the {ship} methods', 'pick a {ship} option',
      'know if you deliver to {place}', 'get express {ship}', 'see the available {ship} types', 'select a {ship} option',
    ],
    says: [
      'do you ship to {place}', 'what shipping options are there', 'do you offer express delivery', 'do ya ship to {place}',
      'can i get my order delivered to {place}', 'do you deliver to {place}', 'which carriers do you use',
      'shipping methods', 'delivery options', 'is there next day delivery', 'do you have click and collect',
      'can i pick up my order in store', 'do you ship internationally', 'what are the {ship} options',
      'is free shipping available', 'how much is express shipping', 'can i order from {place}',
      'is it possible to buy from {place}', 'do you sell to customers in {place}', 'can i shop from {place}',
      'can i place an order from {place}', 'i live in {place}, can you send it here',
    ],
  },
  delivery_period: {
    acts: [
      'check how long {ship} takes', 'know when my {item} will arrive', 'find out the delivery time',
      'see the estimated delivery date', 'check how soon i can expect my {item}', 'know how long it takes to deliver',
      'see how long the {ship} takes', 'check the delivery period', 'know how many days {ship} takes',
      'find out when i will receive my {item}', 'calculate the delivery time to {place}', 'estimate the arrival of my {item}',
    ],
    says: [
      'how long does shipping take', 'how long will delivery take to {place}', 'how soon can i expect my {item}',
      'when will my {item} arrive', 'how many days for delivery', 'delivery time', 'how long until it arrives',
      'how long does it take for my {item} to arrive', 'when can i expect the product', 'what is the delivery period',
      'how fast do you deliver', 'will it arrive before the weekend', 'how long for {ship} to {place}',
    ],
  },
  complaint: {
    acts: [
      'file a complaint', 'make a complaint', 'lodge a claim', 'submit a complaint', 'file a customer claim',
      'make a reclamation', 'complain about {complain_obj}', 'report a bad experience', 'raise a complaint',
      'lodge a complaint against {complain_obj}', 'file a consumer claim against your business', 'submit a grievance',
      'express my dissatisfaction with {complain_obj}', 'open a complaint', 'report {complain_obj}',
    ],
    says: [
      'i am not happy with {complain_obj}', 'this is unacceptable', 'the service was terrible', 'i want to complain',
      'i am very disappointed with {complain_obj}', '{complain_obj} is awful', 'worst experience ever',
      'i have a complaint', 'your courier was rude', 'i am furious about {complain_obj}', 'complaint',
      'the product arrived broken and nobody helps me', 'i want to file a complaint about {complain_obj}',
    ],
  },
  review: {
    acts: [
      'leave a review', 'write a review about {thing}', 'submit feedback', 'give my opinion about {thing}',
      'leave a comment about {thing}', 'rate {thing}', 'post a review', 'share my experience with {thing}',
      'send feedback about {thing}', 'review {thing}', 'give feedback on {thing}', 'write a comment about {thing}',
      'leave some feedback', 'submit an opinion about {thing}', 'evaluate {thing}', 'give a rating to {thing}',
    ],
    says: [
      'i want to review a product', 'i would like to give you feedback', 'the product was great, 5 stars',
      'where can i leave a review', 'i love {thing}, how can i tell others', 'feedback', 'i have some feedback',
      'i want to rate my purchase', 'can i write a review', 'is there an email to send an opinion',
      'i want to say something nice about {thing}', 'how do i rate {thing}',
    ],
  },
  contact_customer_service: {
    acts: [
      'contact {cs}', 'speak to {cs}', 'call {cs}', 'reach {cs}', 'talk to {cs}', 'email {cs}',
      'get in touch with {cs}', 'find the {cs} phone number', 'check the {cs} hours', 'know what hours i can call {cs}',
      'contact your company', 'send an email to {cs}', 'get the {cs} email', 'write to {cs}', 'phone {cs}',
      'see the {cs} opening hours', 'check when {cs} is available',
    ],
    says: [
      'what are your opening hours', '{cs} phone number', 'how do i contact you', 'what is the {cs} email',
      'when is {cs} open', '{cs}', 'how can i reach {cs}', 'contact details', 'is there a number i can call',
      'what time does {cs} close', 'i need {cs}', 'how to contact {cs}',
    ],
  },
  contact_human_agent: {
    acts: [
      'talk to {agent}', 'speak with {agent}', 'chat with {agent}', 'contact {agent}', 'get {agent}',
      'be transferred to {agent}', 'speak to {agent}', 'talk with {agent}', 'reach {agent}', 'get connected to {agent}',
      'escalate to {agent}', 'chat with a live agent',
    ],
    says: [
      'i want a human', 'let me talk to a real person', 'agent please', 'representative', 'i do not want to talk to a bot',
      'connect me to an operator', 'human agent', '{agent} please', 'transfer me to {agent}', 'get me a human',
      'can i speak to {agent}', 'i need {agent}', 'is there {agent} i can talk to', 'stop, i want {agent}',
      'put me through to {agent}', 'human', 'operator', 'real person please',
    ],
  },
  create_account: {
    acts: [
      'create {new_account}', 'open {new_account}', 'sign up for {new_account}', 'register {new_account}',
      'make {new_account}', 'set up {new_account}', 'get {new_account}', 'sign up', 'register', 'become a member',
      'join your site', 'register as a new customer', 'start {new_account}', 'enroll for {new_account}',
    ],
    says: [
      'i do not have an account yet', 'new account for my {relative}', 'i want to become a member', 'create account',
      'how do i sign up', 'i want {new_account}', 'can i open {new_account}', 'registration for {new_account}',
      'i have not signed up yet, can i open {new_account}', 'account creation',
    ],
  },
  delete_account: {
    acts: [
      'delete {account}', 'close {account}', 'remove {account}', 'cancel {account}', 'deactivate {account}',
      'terminate {account}', 'get rid of {account}', 'erase {account}', 'shut down {account}', 'delete my data',
      'unregister {account}', 'remove my profile and data',
    ],
    says: [
      'deletion of {account}', 'i want to delete {account}', 'close {account} please', 'delete account',
      'i do not want {account} anymore', 'how do i delete {account}', 'remove me from your site',
      'i want to stop using {account}, delete it', 'account deletion', 'deleting {account}', 'closing {account}',
    ],
  },
  edit_account: {
    acts: [
      'edit {account}', 'update {account} details', 'change the information on {account}', 'modify {account}',
      'correct the details on {account}', 'change my personal data', 'update my profile info', 'change the email on {account}',
      'update the phone number on {account}', 'change my name on {account}', 'edit the info of {account}',
      'update {account}', 'change my details', 'modify my personal information', 'fix the details of {account}',
    ],
    says: [
      'editing {account}', 'changing info on {account}', 'my details are wrong in {account}', 'edit account',
      'how do i update my profile', 'i need to change my email address', 'update my personal info', 'wrong name on {account}',
      'i want to change my phone number', 'correct details on {account}',
    ],
  },
  recover_password: {
    acts: [
      'recover {password}', 'reset {password}', 'retrieve {password}', 'restore {password}', 'get a new {password}',
      'recover my account access', 'reset the {password} of my account', 'change my forgotten {password}',
      'get back into my account', 'unlock my account', 'recover access to my profile', 'set a new {password}',
    ],
    says: [
      'i forgot {password}', 'i cannot remember {password}', 'i lost {password}', 'problem with my forgotten {password}',
      'i cannot log in', 'i am locked out of my account', 'forgot password', 'password reset', 'i forgot my login',
      'the password reset link does not work', 'lost {password}', 'what is {password}', 'help me log in',
    ],
  },
  registration_problems: {
    acts: [
      'report a registration problem', 'notify of issues with sign-up', 'report an error during registration',
      'solve a sign-up issue', 'report a problem creating an account', 'fix a registration error',
      'report issues with registration', 'inform of problems with signing up', 'notify a sign up error',
      'solve registration troubles', 'report a signup bug', 'get help with a registration error',
    ],
    says: [
      'i cannot register', 'the sign-up form gives an error', 'registration is not working', 'i get an error when signing up',
      'i never received the confirmation email', 'registration error', 'sign up failed', 'i cannot create an account',
      'the registration page crashes', 'it says my email is already registered', 'problems with registration',
      'registration problem', 'error creating account',
    ],
  },
  switch_account: {
    acts: [
      'switch to the {account_type} account', 'change to another account', 'use the {account_type} profile',
      'switch accounts', 'move to a {account_type} account', 'swap to my other account', 'log into another account',
      'upgrade to {account_type}', 'downgrade to {account_type}', 'switch to my {relative} account',
      'change to the {account_type} profile', 'switch profiles', 'go to my other profile', 'change my plan to {account_type}',
      'use a different account', 'switch user',
    ],
    says: [
      'i have to use the {account_type} profile', 'is it possible to use the {account_type} profile',
      'switch account', 'how do i switch accounts', 'i want the {account_type} account instead',
      'change account', 'i need to use another account', 'switching to {account_type}',
    ],
  },
  newsletter_subscription: {
    acts: [
      'subscribe to {newsletter}', 'sign up for {newsletter}', 'join {newsletter}', 'unsubscribe from {newsletter}',
      'check my {newsletter} subscription', 'cancel my {newsletter} subscription', 'get {newsletter}',
      'receive {newsletter}', 'register for {newsletter}', 'opt in to {newsletter}', 'opt out of {newsletter}',
      'see the status of my {newsletter} subscription', 'stop receiving {newsletter}',
    ],
    says: [
      'i want to receive {newsletter}', 'add me to the mailing list', 'status of my newsletter subscription',
      'newsletter', 'subscribe me', 'i do not want your emails anymore', 'how do i get your newsletter',
      'sign me up for {newsletter}', 'i want to subscribe', 'newsletter signup', 'my email is {email}, subscribe me',
    ],
  },
  product_inquiry: {
    acts: [
      'find a {product}', 'buy a {product} under {amount}', 'see your {product}s', 'compare {product}s',
      'know the price of the {product_name}', 'check if the {product_name} is in stock',
      'know the warranty of the {product_name}', 'find {brand} {product}s', 'get a {color} {product}',
      'know more about the {product_name}', 'check the return policy of the {product_name}',
    ],
    says: [
      'do you have {product}s', 'i am looking for a {product}', 'show me {product}s', '{product}s under {amount}',
      'is the {product_name} in stock', 'how much is the {product_name}', 'what is the warranty on the {product_name}',
      "what's the return policy on the {product_name}", 'recommend a {product}', 'cheapest {product}',
      'best {product} for {use}', '{brand} {product}', 'any {product} between {n} and {n2} dollars',
      'i need a new {product}', 'tell me about the {product_name}', 'does the {product_name} come in {color}',
      '{product} below {amount}', 'do you sell {product}s', 'what {product}s do you have', '{product}',
      'a {product} for {use}', 'how long does the {product_name} take to ship', 'is the {product_name} available',
      'price of {product_name}', '{color} {product} in stock', 'show me {brand} products', 'do you carry {brand}',
      'which {product} is the best', 'any deals on {product}s', '{product}s on sale', 'is there a discount on the {product_name}',
    ],
  },
  greeting: {
    says: [
      'hi', 'hello', 'hey', 'hey there', 'good morning', 'good afternoon', 'good evening', 'howdy', 'hi bot', 'hello?',
      'anyone there', 'is anybody there', 'yo', 'greetings', 'hiya', "what's up", 'hey, how are you', 'hello there',
      'hi, how are you doing', 'morning', 'hi there', 'hey bot', 'hello hello', 'good day', 'heya', 'sup',
      'hi, nice to meet you', 'how are you today', "how's it going", 'hallo', 'hey hey', 'hello friend',
      'how is everything', 'how have you been', 'how are things with you', 'are you doing okay', 'nice to see you', 'good to see you again', 'hey, is everything going well', "how's your day", "how's your day going", "what's new with you", 'ahoy', 'salutations', 'hey, good to have you', 'hello, how have you been doing', 'are things going well for you', 'how do you do',
    ],
  },
  goodbye: {
    says: [
      'bye', 'goodbye', 'see you', 'see you later', 'talk to you later', 'have a nice day, bye', "that's all, bye",
      'catch you later', 'farewell', "i'm leaving now", 'good night', 'bye bye', 'see ya', 'ok bye', 'later',
      "i'm done, goodbye", 'gotta go', 'have a good one', 'take care', 'that is all for today', 'cya',
      'i have to go now', 'until next time', 'see you soon', 'goodbye for now',
      'it was nice talking to you', 'nice chatting with you', 'i enjoyed talking with you', 'it was good chatting', 'glad we talked', "i'm out of here", 'adios', 'ciao', 'sayonara', "i'm off", 'signing off now', 'talk soon', 'gotta run, bye', 'this was a nice conversation, bye', 'i will talk to you later', 'see you around', 'have a great evening',
    ],
  },
  thanks: {
    says: [
      'thanks', 'thank you', 'thx', 'many thanks', 'thanks a lot', 'cheers', 'appreciate it', 'thank you so much',
      'great, thanks', 'that was helpful, thanks', 'ty', 'thanks for your help', 'thank you very much', 'much appreciated',
      'thanks a bunch', 'i appreciate your help', 'perfect, thank you', 'awesome thanks', 'thanks buddy', 'tysm',
      'you have been very helpful', 'thanks for the info', 'great help, thank you',
      'i am really grateful', "i'm grateful for your help", 'i want to thank you', 'thanks for letting me know', 'thank you for the information', 'thanks for answering', "you're a lifesaver", 'i owe you one', 'you have been a great help', "i'm so glad you helped me", "that's all i needed, thanks", 'okay thanks', 'much obliged', 'thanks, that helps a lot', 'kudos for the help', 'i really appreciate that',
    ],
  },
  bot_capabilities: {
    says: [
      'who are you', 'what are you', 'are you a bot', 'am i talking to a robot', 'are you human', 'what can you do',
      'what can i ask you', 'how can you help me', 'what do you do', 'what are your capabilities', "what's your name",
      'who made you', 'what can you help me with', 'are you a real person', 'are you an ai', 'is this a chatbot',
      'what is this', 'what kind of questions can you answer', 'what are you able to do', 'help', 'what do you know',
      'are you a machine', 'who built you', 'what is your purpose', 'what services do you offer', 'what can this bot do',
      'do you have a name', 'what topics can you help with', 'can you help me', 'how does this chat work',
      'what are you able to help me with', 'what sort of things can you do', 'are you a person or a computer', 'am i chatting with a bot', 'is this an automated assistant', 'who created you', 'which company made you', 'what is your job', 'what can i ask about', 'what questions can i ask', 'tell me about yourself', 'what do you help with', 'what things do you know about',
    ],
  },
  affirm: {
    says: [
      'yes', 'yeah', 'yep', 'sure', 'correct', "that's right", 'ok', 'okay', 'please do', 'go ahead', 'absolutely',
      'of course', 'confirm', 'yes please', 'do it', 'sounds good', 'right', 'exactly', 'definitely', 'affirmative',
      'y', 'yes, that one', 'yes go ahead', 'that is correct', 'indeed', 'sure thing', 'yup', 'ok do it', 'alright',
      'yes i confirm', 'i confirm', 'yes, cancel it', 'yes please proceed', 'proceed', 'certainly', 'yea', 'k',
      "that's true", 'true', 'that is correct', 'very true', 'that would be great', 'sounds great', 'i agree', 'positive', "that's a yes", 'you got it', 'you are right', 'that is accurate', "correct, that's it", 'that works for me', "that's exactly it", 'fine by me', 'agreed',
    ],
  },
  deny: {
    says: [
      'no', 'nope', 'nah', 'no thanks', "don't", 'not now', 'never mind', 'that is wrong', 'not really', 'negative',
      'no way', "i don't want to", 'n', "don't do it", 'leave it', 'no, thank you', 'not that one', "no, that's not it",
      'wrong', 'incorrect', 'no please', 'absolutely not', 'i changed my mind', 'nevermind', 'no, keep it',
      'no, do not cancel', "no don't", 'not at all', 'nope, wrong one', 'forget it',
      'false', "that's not true", 'not correct', 'i disagree', 'that is false', 'stop', 'cancel that', 'stop talking', 'forget what i said', 'never mind that request', 'please stop', "no, that's not what i meant", 'not what i asked', 'skip it', 'drop it', 'no need', 'cancel my last request',
    ],
  },
  out_of_scope: {
    says: [
      "what's the weather in {city}", 'will it rain tomorrow', 'how hot will it be this weekend', 'do i need an umbrella today',
      'book a flight to {city}', 'find me a hotel in {city}', 'is my flight on time', 'i lost my luggage at the airport',
      'what is the exchange rate from dollars to euros', 'how much is my bank balance', 'transfer {amount} to my savings',
      'what is my credit score', 'how do i improve my credit score', 'i lost my credit card, freeze it', 'what is the interest rate on my loan',
      'when is my credit card bill due', 'pay my electricity bill', 'how much did i spend on food last month',
      'how many calories are in {food}', 'give me a recipe for {food}', 'what can i use instead of {food}', 'how long do i cook {food}',
      'how long does {food} last in the fridge', 'suggest something for dinner', 'find a good restaurant near me',
      'book a table for two tonight', 'when should i change my oil', 'what is the right tire pressure', 'my car battery is dead',
      'how much gas is left in the tank', 'schedule a car service', 'play some {music}', 'skip this song', 'what song is playing',
      'add this song to my playlist', 'turn the volume up', 'set a timer for {n} minutes', 'wake me up at 7 am',
      'remind me to call mom tomorrow', 'what time is it in {city}', "what's the date today", 'what day of the week is it',
      'what is {n} times {n2}', 'what is the square root of {n}', 'convert {n} miles to kilometers', 'how many ounces in a cup',
      'translate {phrase} into {language}', 'how do you say {phrase} in {language}', 'how do you spell necessary',
      'what does serendipity mean', 'tell me a joke', 'tell me a fun fact about {animal}', 'flip a coin', 'roll a dice',
      'what is the meaning of life', 'who won the world cup', 'what is the capital of {country}', 'who is the president of {country}',
      'how tall is mount everest', 'how far is the moon', 'how do i get to the train station', 'how is the traffic on my way to work',
      'call my brother', 'send a text to {name}', 'add milk to my shopping list', 'what is on my to do list', 'schedule a meeting with my team',
      'how many vacation days do i have left', 'request time off next friday', 'when is my next payday', 'how do i roll over my 401k',
      'do i need a visa to visit {country}', 'what vaccines do i need for {country}', 'what plug do they use in {country}',
      'is there a travel alert for {country}', 'turn off the lights in the kitchen', 'set the thermostat to 70',
      'where is my phone', 'share my location with {name}', 'what is my name', 'how old are you', 'do you have pets',
      'what are your hobbies', 'where are you from', 'change your voice to british', 'speak slower', 'whisper from now on',
      'who do you work for', 'how do i file my taxes', 'what is a w2 form', 'how much should i tip', 'how do i fix a leaky faucet',
      'what should i name my dog', 'recommend a good book', 'what movies are playing tonight', 'who is the best football player',
      'what is the score of the game', 'how do i learn python', 'write me a poem about {animal}', 'solve this equation for x',
      'is it safe to eat raw {food}', 'how do i lose weight', 'what are the symptoms of the flu', 'find a dentist near me',
      'when is the next holiday', 'how many days until christmas', 'what is the population of {country}',
      'explain quantum physics', 'how do airplanes fly', 'what is bitcoin worth today', 'should i buy tesla stock',
      'how do i jump start a car', 'how long is the drive to {city}', 'order me an uber', 'what are the best places to visit in {city}',
      'what is the speed of light', 'reset my router settings', 'sync my watch with my phone', 'how do i change my phone language',
      'what year did world war two end', 'who painted the mona lisa', 'how do i apply for a new passport',
      'my electricity went out', 'find cheap gas nearby', 'what is the minimum payment on my card', 'set up direct deposit',
      'what is the routing number of my bank', 'report fraud on my bank account', 'how do i redeem my credit card points',
      'what is the apr on my card', 'can you change your name', 'i want to change my name to {name}', 'how busy is the gym now',
      'can i bring a laptop as carry on', 'confirm my dinner reservation', 'cancel my hotel reservation', 'how do i make pancakes',
      'are dogs allowed on the train', 'how do i change a flat tire', 'what is the mpg of my car', 'tell me about the roman empire',
    ],
  },
};

/** Extra fillers used only by the out-of-scope and product templates. */
export const EXTRA_SLOTS: Record<string, string[]> = {
  city: ['paris', 'new york', 'tokyo', 'london', 'rome', 'cairo', 'denver', 'lima', 'seoul', 'boston', 'athens', 'nairobi'],
  country: ['france', 'japan', 'peru', 'kenya', 'canada', 'italy', 'brazil', 'egypt', 'thailand', 'mexico', 'norway'],
  food: ['pasta', 'chicken', 'rice', 'an avocado', 'eggs', 'salmon', 'broccoli', 'tofu', 'butter', 'potatoes', 'steak'],
  music: ['jazz', 'rock music', 'taylor swift', 'classical music', 'my workout playlist', 'the beatles', 'lofi beats'],
  phrase: ['good morning', 'where is the bathroom', 'thank you very much', 'i love you', 'how much does this cost'],
  language: ['spanish', 'french', 'german', 'japanese', 'italian', 'korean', 'portuguese', 'chinese'],
  animal: ['octopuses', 'cats', 'penguins', 'elephants', 'sharks', 'owls', 'dolphins'],
  name: ['john', 'maria', 'alex', 'priya', 'ken', 'lucy', 'omar'],
  n2: ['7', '12', '15', '30', '45', '80', '900'],
  email: ['jane.doe@example.com', 'sam99@mail.test', 'k.ito@example.org'],
};
