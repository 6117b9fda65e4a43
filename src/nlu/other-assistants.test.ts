import { describe, expect, it } from 'vitest';
import { asksAnotherAssistant } from './other-assistants.ts';

const verdicts = (texts: string[]) => texts.map((text) => [text, asksAnotherAssistant(text)]);
const all = (texts: string[], verdict: string | undefined) => texts.map((text) => [text, verdict]);

describe('asksAnotherAssistant', () => {
  it("reads a question about the shopper's own car, a trip, cooking or their money as another assistant's", () => {
    const firmly = [
      'which grade of petrol should go in my hatchback',
      "what's the mpg on my truck these days",
      'when is my next oil change due',
      'can you book a car service for Tuesday',
      "I'd like to hire a van for the weekend in Leeds",
      'find me flights to Lisbon for the second week of May',
      'how many carry-ons will the airline let me bring',
      'a recipe for banana bread please',
      'how long should I roast a chicken for',
      'how do I bake sourdough bread',
      'can I use butter as a substitute for oil',
      'any dinner ideas for tonight?',
      'how much did I spend on takeaways this month',
      "what's my credit score looking like",
      'is there enough in my savings account for a holiday',
      'stop syncing with my phone',
      "I can't find my phone anywhere",
      'play some jazz music',
      'add eggs to my shopping list',
      'roll two dice for me',
      "what's our water and electricity bill this month",
      'pair this with my new phone',
      'my car is overdue a visit to the garage',
      'what ingredients are in flapjacks',
      'tell me how much we have spent on takeaways',
      'schedule a service for my car next week',
      'how do I get to the train station from here',
      'put my sister’s birthday on the calendar for Friday',
      'my puppy chewed up my debit card',
      'i need to disconnect from my phone',
      'are any meeting rooms free at 3pm',
      'i must call grandma',
      'flip a coin',
    ];
    expect(verdicts(firmly)).toEqual(all(firmly, 'firmly'));
  });

  it("reads the assistant's own life, a joke and a restaurant chain as another assistant's however they are asked", () => {
    const firmly = [
      'do you have any pets?',
      'what are your hobbies',
      'how old are you anyway',
      'do you have a cat?',
      'got any jokes?',
      'tell me a fun fact about owls',
      'is the food at olive garden any good',
    ];
    expect(verdicts(firmly)).toEqual(all(firmly, 'firmly'));
  });

  it('reads asking for what no shop sells as another assistant’s, however it is asked for', () => {
    const firmly = [
      "I'm looking for a cheap flight to Rome",
      'I need a veggie chilli recipe',
      'can you recommend any restaurants near me',
      'can you call my sister',
      "I'd like to hire a car in Faro from June 3rd to the 9th",
      'what can I take as a carry-on on Ryanair',
      'how much is my comcast bill this month',
      'how much is 20 dollars in euros',
      'are you a cat or dog person',
      'can you recommend a good plumber near the town centre',
      'do you know a reliable electrician',
      'can you help me with my maths homework',
      'solve 3x + 7 = 22 for me',
    ];
    expect(verdicts(firmly)).toEqual(all(firmly, 'firmly'));
  });

  it('lets a need the catalog meets answer a dead battery, a flat tyre, a fuel bill or a long flight', () => {
    const needs = [
      'my car battery died this morning',
      'how do I fix a flat tyre',
      'is 30 psi enough for my tyres',
      'petrol for the car costs me a fortune every week',
      'long flights make my ankles swell',
    ];
    expect(verdicts(needs)).toEqual(all(needs, 'unless a need is met'));
  });

  it('keeps shopping, and what the shop handles, a shopper’s', () => {
    const shopping = [
      'do you sell car batteries',
      'I lost my phone, I need a new one',
      'a car with good fuel economy under 20k',
      'which car has the best mpg',
      'I moved into a rental and the windows have no curtains',
      'a carry-on that fits under the seat',
      'how do I cook eggs without them sticking to the pan',
      'do you offer 0% interest on sofas',
      'my refund has still not reached my bank account',
      'do you have any joke books for kids',
      'do you have dog food for puppies',
      'what would I need to make pancakes from scratch',
      'my restaurant needs twenty new aprons',
      'I need a good cleaner for my oven',
      'best rated thing in your pet section?',
      'a laptop for my daughter to do her homework on',
      'a recipe book for a beginner',
      'can you call me back please',
      'help me find my phone case',
      'my electricity bill is huge, anything to cut it?',
      'wireless headphones that connect to my phone',
      "my earbuds won't disconnect from my phone",
    ];
    expect(verdicts(shopping)).toEqual(all(shopping, undefined));
  });
});
